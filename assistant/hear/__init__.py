"""Hearing: audio in (microphone, WAV, raw PCM), end of speech, wake phrase, speech to text."""
