using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Agreements;

/// <summary>The agreement's header as signed: number, title, the two signatories, the signing date, and the conditional-payment rule.</summary>
public sealed record AgreementHeader(
    string Number, string Title, string GovernmentSignatory, string InvestorSignatory, DateOnly SignedOn, int ConditionPaymentDays)
{
    /// <summary>The header as stored (trimmed, number half-width upper case), or a field error naming the rule.</summary>
    public AgreementHeader Checked(DateOnly today)
    {
        var number = (Number ?? "").Trim().ToUpperInvariant();
        Require(number, nameof(Number), 60, "agreement.number_required");
        var title = (Title ?? "").Trim();
        Require(title, nameof(Title), 200, "agreement.title_required");
        var gov = (GovernmentSignatory ?? "").Trim();
        Require(gov, nameof(GovernmentSignatory), 100, "agreement.signatory_required");
        var inv = (InvestorSignatory ?? "").Trim();
        Require(inv, nameof(InvestorSignatory), 100, "agreement.signatory_required");
        if (SignedOn > today)
            throw new FieldRuleException(nameof(SignedOn), "agreement.signed_in_future");
        if (ConditionPaymentDays is < 1 or > 365)
            throw new FieldRuleException(nameof(ConditionPaymentDays), "agreement.payment_days_range");
        return this with { Number = number, Title = title, GovernmentSignatory = gov, InvestorSignatory = inv };
    }

    private static void Require(string text, string field, int max, string code)
    {
        if (text.Length == 0)
            throw new FieldRuleException(field, code);
        if (text.Length > max)
            throw new FieldRuleException(field, "field.too_long", max);
    }
}

/// <summary>
/// An investment agreement 投资协议: one project's deal, its header and the investor's obligations under it.
/// Recorded with at least one obligation; obligations are added later as the deal is read more closely; the
/// header is edited from the version the officer saw. Obligations are never removed (the ledger keeps them).
/// </summary>
public sealed record Agreement(Guid Id, Guid ProjectId, AgreementHeader Header, int Version)
{
    public const int MaxObligations = 50;

    /// <summary>A new agreement with its first obligations, each checked against the signing date (field "Obligations[i].X").</summary>
    public static (Agreement Agreement, IReadOnlyList<Obligation> Obligations) Record(
        Guid id, Guid projectId, AgreementHeader header, IReadOnlyList<(Guid Id, ObligationTerms Terms)> obligations, DateOnly today)
    {
        var h = header.Checked(today);
        if (obligations.Count == 0)
            throw new FieldRuleException("Obligations", "agreement.obligation_required");
        if (obligations.Count > MaxObligations)
            throw new FieldRuleException("Obligations", "agreement.too_many_obligations", MaxObligations);
        var made = obligations.Select((o, i) => Obligation.New(o.Id, id, o.Terms.Checked(h.SignedOn, $"Obligations[{i}]."))).ToList();
        return (new Agreement(id, projectId, h, 1), made);
    }

    public Agreement EditHeader(AgreementHeader header, int seenVersion, DateOnly today, IReadOnlyList<Obligation> obligations)
    {
        if (seenVersion != Version)
            throw new VersionConflictException("agreement", Id);
        var h = header.Checked(today);
        if (obligations.Where(o => o.Terms.DueDate < h.SignedOn).Select(o => (DateOnly?)o.Terms.DueDate).Min() is { } earliest)
            throw new FieldRuleException(nameof(AgreementHeader.SignedOn), "agreement.signed_after_due", earliest);
        return this with { Header = h, Version = Version + 1 };
    }

    public Obligation AddObligation(Guid obligationId, ObligationTerms terms, int existing)
    {
        if (existing >= MaxObligations)
            throw new DomainException("agreement.too_many_obligations", MaxObligations);
        return Obligation.New(obligationId, Id, terms.Checked(Header.SignedOn));
    }
}
