"""``reportgen serve``: the portal on uvicorn, over the same store the other commands use."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from reportgen.messages import COMMAND_HELP, HELP_HOST, HELP_PORT, HELP_PORTAL_DATA, HELP_TEMPLATE, SERVING

from .common import catalog_option, db_option, template_file


@click.command("serve", help=COMMAND_HELP["serve"])
@click.option("--host", default="127.0.0.1", show_default=True, help=HELP_HOST)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help=HELP_PORT)
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=HELP_PORTAL_DATA)
@click.option("--template", type=click.Path(dir_okay=False, path_type=Path), default=None, help=HELP_TEMPLATE)
@db_option
@catalog_option
def serve_cmd(host: str, port: int, data_dir: Path | None, template: Path | None, db: str, archive: Path | None,
              catalog_path: Path | None) -> None:
    """Run the portal until interrupted."""
    import uvicorn

    from reportgen.web import PortalConfig, create_app

    config = PortalConfig(db=db, archive=archive, catalog=template_file(catalog_path, "catalog.toml"),
                          template=template_file(template, "report.docx"), data_dir=data_dir)
    app = create_app(config)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    click.echo(SERVING.format(url=f"http://{host}:{port}/", data=app.state.portal.data_dir), err=True)
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=True, server_header=False)
