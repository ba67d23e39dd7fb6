"""The web workspace: a thin Django layer over the frameworks, sampling and ratings core."""
