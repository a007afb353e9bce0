"""TOTP helpers on top of django-otp: QR codes for set-up and the current code for the demo."""

from __future__ import annotations

import base64
import time
from typing import Any

import segno
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "authenticator"


def confirmed_device(gebruiker: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=gebruiker, confirmed=True).first()


def secret_base32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def grouped_secret(device: TOTPDevice) -> str:
    """The secret in groups of four, for typing into an app by hand."""
    secret = secret_base32(device)
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(device: TOTPDevice) -> str:
    return str(device.config_url)


def qr_svg_data_uri(device: TOTPDevice) -> str:
    """The provisioning URI as an SVG QR code in a data: URI (allowed by the CSP for images)."""
    qr = segno.make(provisioning_uri(device), error="m")
    return str(qr.svg_data_uri(scale=5, border=2, dark="#01689b"))


def current_code(gebruiker: Any) -> str:
    """The code the user's authenticator shows now (demo and tests only: needs the secret)."""
    device = TOTPDevice.objects.filter(user=gebruiker).order_by("-confirmed").first()
    if device is None:
        raise LookupError(f"{gebruiker} heeft geen TOTP-apparaat.")
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def seconds_left(device: TOTPDevice) -> int:
    return int(device.step - (time.time() - device.t0) % device.step)


__all__ = ["DEVICE_NAME", "confirmed_device", "current_code", "qr_svg_data_uri"]
