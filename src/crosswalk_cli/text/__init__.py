"""Small text helpers every layer shares: escaping what a terminal would act on (``safe``), Markdown
and CSV cells (``markdown``, ``csvout``), and the forms ids are typed in (``ids``)."""
