"""Running the demo shop's command as `make run` does, with small pictures."""

import io

from django.core.management import call_command

# Small pictures keep the suite fast; the drawing is the same at any size.
DEMO_IMAGE_SCALE = 0.1


def run_load_demo() -> str:
    """Run `load_demo` and return what it printed."""
    out = io.StringIO()
    call_command("load_demo", image_scale=DEMO_IMAGE_SCALE, stdout=out)
    return out.getvalue()
