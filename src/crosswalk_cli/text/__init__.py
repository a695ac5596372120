"""Small text helpers every layer shares: escaping what a terminal would act on (``safe``), Markdown
and CSV cells (``markdown``, ``csvout``), the forms ids are typed in (``ids``), and the words pages use for
a framework's things unless its data says otherwise (``phrases``)."""
