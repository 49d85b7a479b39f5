using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Cases.CompleteRectification;

/// <summary>Marks a rectification action done, with what was done.</summary>
[AllowRoles(Role.IntegrityOfficer)]
public sealed record CompleteRectification(Guid CaseId, Guid RectificationId, string Note, int Version) : ICommand<CaseState>;

public sealed class CompleteRectificationValidator : AbstractValidator<CompleteRectification>
{
    public CompleteRectificationValidator() =>
        RuleFor(x => x.Note).NotEmpty().WithText("case.action_done_note_required").MaximumLength(2000).WithText("field.too_long", 2000);
}

public sealed class CompleteRectificationHandler(IDbSession db, ActorContext actor, IAuditTrail audit, LedgerWriter ledger, TimeProvider clock)
    : IRequestHandler<CompleteRectification, CaseState>
{
    public async Task<CaseState> Handle(CompleteRectification r, CancellationToken ct)
    {
        audit.Target("case", r.CaseId, $"rectification {r.RectificationId} done");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        var current = await CaseLoad.LockForChange(cn, tx, r.CaseId, r.Version, ct);
        var action = current.Rectifications.SingleOrDefault(a => a.Id == r.RectificationId)
            ?? throw new Errors.NotFoundException("rectification", r.RectificationId);
        if (action.DoneAt is not null)
            throw new DomainException("case.action_already_done");
        var now = clock.GetUtcNow();
        await cn.ExecuteAsync(new CommandDefinition(
            "UPDATE case_rectifications SET done_at = @now, done_note = @note, version = version + 1 WHERE id = @RectificationId",
            new { r.RectificationId, note = r.Note.Trim(), now }, tx, cancellationToken: ct));
        await CaseLedger.Touch(cn, tx, r.CaseId, ct);
        return await CaseLedger.AppendAsync(cn, tx, ledger, r.CaseId, "CaseRectificationDone", actor.Actor.UserName, now, $"{action.Action}: {r.Note.Trim()}", ct);
    }
}
