using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Cases;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.TriageBreachAlert;

/// <summary>
/// The integrity office triages a breach alert: confirm it (it becomes a case to run to an
/// accountability outcome — opened here, in the same transaction, with its 30-day result clock
/// running), or dismiss it with a reason from the list plus an explanation — e.g. the
/// investor's own condition was not met. Either way the promise's ledger records the review.
/// </summary>
[AllowRoles(Role.IntegrityOfficer)]
public sealed record TriageBreachAlert(Guid AlertId, bool Confirm, string? DismissReason, string? Explanation, int Version) : ICommand<TriageResult>;

/// <summary>The case a confirmation opened (none for a dismissal).</summary>
public sealed record TriageResult(Guid? CaseId);

public static class DismissReasons
{
    public static readonly IReadOnlyList<string> All = ["InvestorConditionNotMet", "FulfilledOnTime", "AgreedExtension", "RecordedInError", "Other"];
}

public sealed class TriageBreachAlertValidator : AbstractValidator<TriageBreachAlert>
{
    public TriageBreachAlertValidator()
    {
        RuleFor(x => x.DismissReason).Must(r => r is not null && DismissReasons.All.Contains(r)).WithText("breach.dismiss_reason_required").When(x => !x.Confirm);
        RuleFor(x => x.Explanation).NotEmpty().WithText("breach.explanation_required").When(x => !x.Confirm);
        RuleFor(x => x.Explanation).MaximumLength(2000).WithText("field.too_long", 2000);
    }
}

public sealed class TriageBreachAlertHandler(IDbSession db, ActorContext actor, IAuditTrail audit, LedgerWriter ledger, TimeProvider clock)
    : IRequestHandler<TriageBreachAlert, TriageResult>
{
    public async Task<TriageResult> Handle(TriageBreachAlert r, CancellationToken ct)
    {
        audit.Target("breach-alert", r.AlertId, r.Confirm ? "confirmed" : $"dismissed: {r.DismissReason}");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        var alert = await cn.QuerySingleOrDefaultAsync<(Guid CommitmentId, string Status, int Version, Guid UnitId)?>(new CommandDefinition(
            "SELECT a.commitment_id, a.status, a.version, c.unit_id FROM breach_alerts a JOIN commitments c ON c.id = a.commitment_id WHERE a.id = @AlertId FOR UPDATE OF a", new { r.AlertId }, tx, cancellationToken: ct))
            ?? throw new NotFoundException("breach-alert", r.AlertId);
        if (alert.Status != "New")
            throw new DomainException("breach.already_triaged");
        if (alert.Version != r.Version)
            throw new ConcurrencyConflictException("breach-alert", r.AlertId);
        var now = clock.GetUtcNow();
        await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE breach_alerts SET status = @status, dismiss_reason = @reason, triaged_by = @by, triaged_at = @now, version = version + 1 WHERE id = @AlertId
            """, new { r.AlertId, status = r.Confirm ? "Confirmed" : "Dismissed", reason = r.Confirm ? null : $"{r.DismissReason}: {r.Explanation}", by = actor.Actor.UserId, now },
            tx, cancellationToken: ct));
        var state = await CommitmentLoad.Read(cn, tx, alert.CommitmentId, ct);
        await ledger.AppendAsync(cn, tx, alert.CommitmentId, r.Confirm ? "BreachConfirmed" : "BreachDismissed", actor.Actor.UserName, now,
            r.Confirm ? r.Explanation : $"{r.DismissReason}: {r.Explanation}", state, ct);
        if (!r.Confirm)
            return new TriageResult(null);
        var caseId = await CaseOpener.OpenAsync(cn, tx, r.AlertId, alert.CommitmentId, alert.UnitId, actor.Actor.UserId!.Value, now, clock.Today(), ct);
        await CaseLedger.AppendAsync(cn, tx, ledger, caseId, "CaseOpened", actor.Actor.UserName, now, null, ct);
        return new TriageResult(caseId);
    }
}
