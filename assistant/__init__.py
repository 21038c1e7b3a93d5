"""Offline smart-home voice assistant: hear -> understand -> act -> answer."""

__version__ = "0.1.0"
