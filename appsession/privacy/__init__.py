"""Data protection in practice: retention and purges, participants' rights, compliance papers.

No UI here: the CLI (``cli/privacy_cmd.py``) and the TUI (``tui/screens/privacy*.py``) call::

    # retention (rules are pure: core.retention; stored encrypted in the vault)
    settings.load_rule(vault, intervention_id) -> RetentionRule ; settings.save_rule(vault, rule)
    settings.load_audit_rule(vault) -> AuditRule ; settings.save_audit_rule(vault, rule)
    retention.due(vault, today) -> list[DueItem]          # what is due, with counts to show
    retention.run(vault, item, today) -> PurgeReport      # crypto-shred one, certificate logged
    retention.run_due(vault, today) -> list[PurgeReport]
    certificates.certificates(vault) ; certificates.check(vault, c) -> Check
    certificates.certificate_document([(c, check)], texts, today) -> Document

    # rights
    access.find_person(vault, pseudonym, group=None) -> Person
    access.gather(vault, person) -> AccessRecord ; access_doc.access_document(record, facts, texts)
    withdrawal.preview(vault, participant_id, session_id=None) -> WithdrawalPreview
    withdrawal.withdraw(vault, participant_id, session_id=None) -> WithdrawalReport

    # papers (consent-form, notice, register, dpia)
    facts.gather(vault, intervention, today) -> PaperFacts   # real vault settings included
    papers.build_paper(kind, facts, texts, group=None) -> Document
    settings.load_controller / save_controller ; settings.load_privacy / save_privacy

    # output
    texts.load_texts(lang=None) -> Texts
    output.save(vault, document, out, fmt="docx"|"md", paper=kind, overwrite=False, **ids) -> sha256

Every document is built in memory, written owner-only, and logged (content-free) in the vault.
"""
