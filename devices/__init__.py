"""Device conventions on MQTT and simulated devices that speak them."""
