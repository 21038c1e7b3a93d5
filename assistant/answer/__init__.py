"""Answering: what the assistant says back."""
