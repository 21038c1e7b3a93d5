"""Understanding: a transcript becomes tool calls, by rules first and the local LLM for the rest."""
