"""Keeping personal data out of what children write: the free-text scrubber and its report."""
