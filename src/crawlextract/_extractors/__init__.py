"""The built-in extractors, one module each; :data:`crawlextract._registry.BUILTINS` lists them."""
