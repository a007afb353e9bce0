"""Form helpers shared by every app: NL Design System widget classes and ARIA wiring."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError

#: Attributes of a radio group's inputs (Utrecht radio button); pass to ``forms.RadioSelect``.
RADIO_ATTRS: dict[str, str] = {"class": "utrecht-radio-button utrecht-radio-button--html-input"}

_WIDGET_CLASSES: dict[type[forms.Widget], str] = {
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.FileInput: "utrecht-textbox utrecht-textbox--html-input igt-file",
    forms.ClearableFileInput: "utrecht-textbox utrecht-textbox--html-input igt-file",
}
_DEFAULT_CLASS = "utrecht-textbox utrecht-textbox--html-input"


class StyledFormMixin:
    """Adds the design-system class to each widget.

    Django itself links the help text (``<id>_helptext``) with aria-describedby and sets
    aria-invalid on fields with errors; ``includes/form_field.html`` uses the same ids.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form: forms.BaseForm = self  # type: ignore[assignment]
        for field in form.fields.values():
            widget = field.widget
            css = next((c for t, c in _WIDGET_CLASSES.items() if type(widget) is t), _DEFAULT_CLASS)
            widget.attrs.setdefault("class", css)

    def add_service_errors(self, error: ValidationError) -> None:
        """Put a service's ValidationError on the matching fields (the rest on the form)."""
        form = cast(forms.BaseForm, self)
        if not hasattr(error, "error_dict"):
            form.add_error(None, error)
            return
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, ValidationError(errors))


class StyledForm(StyledFormMixin, forms.Form):
    pass


class StyledModelForm(StyledFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    pass
