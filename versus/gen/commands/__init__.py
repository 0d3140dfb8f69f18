"""One module per `versus-gen` command, each with `register(subparsers)`; see `versus.gen.cli`."""
