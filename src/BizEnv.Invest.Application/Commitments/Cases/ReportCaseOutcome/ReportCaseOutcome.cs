using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Cases.ReportCaseOutcome;

/// <summary>
/// The result report of a case: the accountability outcome and its grounds. It ends the 30-day
/// clock (reported late is still reported — the case keeps its deadline for the figures) and the
/// case moves on to rectification.
/// </summary>
[AllowRoles(Role.IntegrityOfficer)]
public sealed record ReportCaseOutcome(Guid CaseId, AccountabilityOutcome Outcome, string Note, int Version) : ICommand<CaseState>;

public sealed class ReportCaseOutcomeValidator : AbstractValidator<ReportCaseOutcome>
{
    public ReportCaseOutcomeValidator()
    {
        RuleFor(x => x.Outcome).IsInEnum().WithText("case.outcome_unknown");
        RuleFor(x => x.Note).NotEmpty().WithText("case.outcome_note_required").MaximumLength(4000).WithText("field.too_long", 4000);
    }
}

public sealed class ReportCaseOutcomeHandler(IDbSession db, ActorContext actor, IAuditTrail audit, LedgerWriter ledger, TimeProvider clock)
    : IRequestHandler<ReportCaseOutcome, CaseState>
{
    public async Task<CaseState> Handle(ReportCaseOutcome r, CancellationToken ct)
    {
        audit.Target("case", r.CaseId, $"outcome {r.Outcome}");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        var current = await CaseLoad.LockForChange(cn, tx, r.CaseId, r.Version, ct);
        IntegrityCaseRules.EnsureCanReportOutcome(current.Status);
        if (r.Outcome != AccountabilityOutcome.NoLiability && current.Persons.Count == 0)
            throw new Domain.Common.DomainException("case.outcome_needs_person");
        var now = clock.GetUtcNow();
        await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE integrity_cases SET outcome = @outcome, outcome_note = @note, outcome_at = @now, status = 'Rectifying' WHERE id = @CaseId
            """, new { r.CaseId, outcome = r.Outcome.ToString(), note = r.Note.Trim(), now }, tx, cancellationToken: ct));
        await CaseLedger.Touch(cn, tx, r.CaseId, ct);
        return await CaseLedger.AppendAsync(cn, tx, ledger, r.CaseId, "CaseOutcomeReported", actor.Actor.UserName, now, r.Note.Trim(), ct);
    }
}
