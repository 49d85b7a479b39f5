using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Cases.CloseCase;

/// <summary>Closes a case once its outcome is reported, the responsible named and every rectification done.</summary>
[AllowRoles(Role.IntegrityOfficer)]
public sealed record CloseCase(Guid CaseId, string Note, int Version) : ICommand<CaseState>;

public sealed class CloseCaseValidator : AbstractValidator<CloseCase>
{
    public CloseCaseValidator() =>
        RuleFor(x => x.Note).NotEmpty().WithText("case.closing_note_required").MaximumLength(4000).WithText("field.too_long", 4000);
}

public sealed class CloseCaseHandler(IDbSession db, ActorContext actor, IAuditTrail audit, LedgerWriter ledger, TimeProvider clock)
    : IRequestHandler<CloseCase, CaseState>
{
    public async Task<CaseState> Handle(CloseCase r, CancellationToken ct)
    {
        audit.Target("case", r.CaseId, "closed");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        var current = await CaseLoad.LockForChange(cn, tx, r.CaseId, r.Version, ct);
        IntegrityCaseRules.EnsureCanClose(current.Status, current.Outcome, current.Persons.Count, current.Rectifications.Count(a => a.DoneAt is null));
        var now = clock.GetUtcNow();
        await cn.ExecuteAsync(new CommandDefinition(
            "UPDATE integrity_cases SET status = 'Closed', closed_at = @now, closing_note = @note WHERE id = @CaseId",
            new { r.CaseId, note = r.Note.Trim(), now }, tx, cancellationToken: ct));
        await CaseLedger.Touch(cn, tx, r.CaseId, ct);
        return await CaseLedger.AppendAsync(cn, tx, ledger, r.CaseId, "CaseClosed", actor.Actor.UserName, now, r.Note.Trim(), ct);
    }
}
