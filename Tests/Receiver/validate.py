#!/usr/bin/env python3
"""Checks every message a receiver accepted (its --log, batches opened) against a webhook template's schema:
Message of connectedcar-v4.16-webhook-template.yaml (the default), or MonitorEvents of the v4.0 template. Usage:
validate.py TEMPLATE LOG [SCHEMA]. Prints one line per invalid message and 'N valid' at the end; exit status 1 when
any is invalid or none was found."""
import json, sys

import yaml
from jsonschema import Draft4Validator

template, log = sys.argv[1], sys.argv[2]
schema = sys.argv[3] if len(sys.argv) > 3 else 'Message'
with open(template, encoding='utf-8') as f:
    doc = yaml.safe_load(f.read().replace('\t', '    '))
root = {'allOf': [{'$ref': '#/components/schemas/' + schema}], 'components': doc['components']}
validator = Draft4Validator(root)
messages = []
with open(log, encoding='utf-8') as f:
    for line in f:
        post = json.loads(line)
        if post.get('answered') == 200:
            body = post['body']
            messages += body if isinstance(body, list) else [body]
bad = 0
for n, message in enumerate(messages):
    for error in validator.iter_errors(message):
        bad += 1
        print(f'message {n}: {"/".join(map(str, error.absolute_path))}: {error.message}')
print(f'{len(messages) - bad} valid')
sys.exit(1 if bad or not messages else 0)
