"""Results: aggregation, disclosure control, charts and exports."""
