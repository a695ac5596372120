"""Questions asked of a loaded crosswalk: pure functions returning result records, one module per
command family. Import the module you need (``from crosswalk_cli.queries.standard import standard``);
this package imports nothing up front."""
