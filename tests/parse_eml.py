"""Parses an .eml file with Python's standard mail parser and prints what a mail client sees,
as JSON: the decoded subject, the recipient, the sender, the date and the text body."""
import json
import sys
from email import policy
from email.parser import BytesParser

with open(sys.argv[1], "rb") as f:
    msg = BytesParser(policy=policy.default).parse(f)

to = msg["To"]
print(json.dumps({
    "subject": str(msg["Subject"]),
    "to_name": to.addresses[0].display_name if to else None,
    "to_address": to.addresses[0].addr_spec if to else None,
    "from": str(msg["From"]) if msg["From"] else None,
    "date": str(msg["Date"]),
    "content_type": msg.get_content_type(),
    "charset": msg.get_content_charset(),
    "unsent": msg["X-Unsent"],
    "body": msg.get_content(),
    "defects": [type(d).__name__ for d in msg.defects],
}))
