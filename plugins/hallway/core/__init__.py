"""The MkDocs-free core of Hallway: loading, validating, modelling and relating notes."""
