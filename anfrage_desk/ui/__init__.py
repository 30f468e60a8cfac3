"""The Qt user interface. Calls services; never writes SQL."""
