"""Acting: the MQTT link to the home's devices."""
