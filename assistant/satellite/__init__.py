"""Wyoming satellites and Home Assistant: one assistant serving every room over the Wyoming protocol.

`protocol` reads events strictly and says what this server offers; `rooms` keeps one conversation per
satellite over the shared engines; `server` runs the connections (satellites that connect here, Home
Assistant, and satellites this assistant connects out to); `bench` measures it over loopback.
"""
