from django import forms

from .moderation import MOST_CASES


class DrawForm(forms.Form):
    """Which schools, which census day, how many cases. Schools are offered with their
    framework; those chosen must share one, as only they can be compared."""

    schools = forms.MultipleChoiceField(
        label="Schools to draw cases from",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one school to draw cases from."},
    )
    census_date = forms.ChoiceField(label="Census day")
    size = forms.IntegerField(
        label="Number of cases",
        min_value=1,
        max_value=MOST_CASES,
        initial=20,
        help_text=f"From 1 to {MOST_CASES}. Schools whose level-2 coding departs most from "
        "the others' have more of their cases drawn.",
        error_messages={
            "required": "Enter the number of cases to draw.",
            "invalid": "The number of cases must be a whole number, like 20.",
            "min_value": "Draw at least 1 case.",
            "max_value": f"Draw at most {MOST_CASES} cases in one round.",
        },
    )

    def __init__(self, *args, schools, frameworks, days, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework_of = frameworks  # school id -> (framework slug, framework name)
        offered: forms.ChoiceField = self.fields["schools"]  # type: ignore[assignment]
        offered.choices = [(str(pk), f"{name} ({frameworks[pk][1]})") for pk, name in schools]
        day: forms.ChoiceField = self.fields["census_date"]  # type: ignore[assignment]
        day.choices = [(d.on.isoformat(), d.label) for d in days]
        self.days = {d.on.isoformat(): d.on for d in days}

    def clean_schools(self):
        chosen = [int(pk) for pk in self.cleaned_data["schools"]]
        frameworks = {self.framework_of[pk] for pk in chosen}
        if len(frameworks) > 1:
            names = " and ".join(sorted(name for _pk, name in frameworks))
            raise forms.ValidationError(
                f"Choose schools under one framework: these follow {names}, and a level on "
                "one grid does not mean the same on another."
            )
        return chosen

    def clean_census_date(self):
        return self.days[self.cleaned_data["census_date"]]

    def framework_slug(self):
        return self.framework_of[self.cleaned_data["schools"][0]][0]


class JudgementForm(forms.Form):
    agrees = forms.TypedChoiceField(
        label="Do you agree with the school's code?",
        choices=[("yes", "Agree"), ("no", "Disagree")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether you agree with the school's code."},
    )
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Why, in a few words. Needed when you disagree. Do not name the pupil.",
    )

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("agrees") is False and not cleaned.get("note", "").strip():
            self.add_error("note", "Say why you disagree, so the school can act on it.")
        return cleaned
