"""The schema as YAML that every YAML reader reads back as it was written.

drf-spectacular dumps YAML with PyYAML, which follows YAML 1.1: it leaves a string such as the CAMEO code
``0871`` unquoted, since 1.1 reads it as text, while a YAML 1.2 reader (openapi-python-client's, most
editors') reads it as the integer 871. This dumper quotes every string a 1.2 reader would take for a number.
"""

import json
import re

import yaml
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer, OpenApiYamlRenderer2


class PortableDumper(yaml.SafeDumper):
    """PyYAML's safe dumper, knowing YAML 1.2's numbers as well as 1.1's, so it quotes strings that look like them."""

    def ignore_aliases(self, data):
        return True

    def represent_str(self, data):
        # Text of several lines as a block, as drf-spectacular writes it.
        return self.represent_scalar("tag:yaml.org,2002:str", data, style="|" if "\n" in data else None)


# The integers and floats of the core schema of YAML 1.2.
PortableDumper.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789")
)
PortableDumper.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)
PortableDumper.add_representer(str, PortableDumper.represent_str)


class PortableYamlRenderer(OpenApiYamlRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Through JSON first: what is left is plain data, written as the JSON schema holds it.
        plain = json.loads(OpenApiJsonRenderer().render(data, renderer_context=renderer_context))
        dumped = yaml.dump(plain, Dumper=PortableDumper, default_flow_style=False, sort_keys=False, allow_unicode=True)
        return dumped.encode("utf-8")


class PortableYamlRenderer2(PortableYamlRenderer):
    media_type = OpenApiYamlRenderer2.media_type
