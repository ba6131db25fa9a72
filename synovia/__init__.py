"""Synovia: an open platform for mesenchymal stem/stromal cell therapy in rheumatoid arthritis."""

__version__ = "0.1.0"
