"""quotes for moderation, and the "what we are doing about it" text

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("node_id", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("themes", sa.JSON(), nullable=False),
        sa.Column("help_shown", sa.Boolean(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_quotes_consultation_id_consultations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quotes")),
    )
    op.create_index("ix_quotes_queue", "quotes", ["status", "consultation_id"])
    with op.batch_alter_table("consultations") as batch:
        batch.add_column(sa.Column("we_did_draft", sa.Text(), nullable=True))
        batch.add_column(sa.Column("we_did", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("consultations") as batch:
        batch.drop_column("we_did")
        batch.drop_column("we_did_draft")
    op.drop_index("ix_quotes_queue", table_name="quotes")
    op.drop_table("quotes")
