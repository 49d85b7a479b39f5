using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Cases.AddRectification;

/// <summary>A rectification action 整改措施 with its due date (today or later).</summary>
[AllowRoles(Role.IntegrityOfficer)]
public sealed record AddRectification(Guid CaseId, string Action, DateOnly DueDate, int Version) : ICommand<CaseState>;

public sealed class AddRectificationValidator : AbstractValidator<AddRectification>
{
    public AddRectificationValidator(TimeProvider clock)
    {
        RuleFor(x => x.Action).NotEmpty().WithText("case.action_required").MaximumLength(2000).WithText("field.too_long", 2000);
        RuleFor(x => x.DueDate).Must(d => d >= clock.Today()).WithText("case.action_due_past");
    }
}

public sealed class AddRectificationHandler(IDbSession db, ActorContext actor, IAuditTrail audit, LedgerWriter ledger, TimeProvider clock)
    : IRequestHandler<AddRectification, CaseState>
{
    public async Task<CaseState> Handle(AddRectification r, CancellationToken ct)
    {
        audit.Target("case", r.CaseId, $"rectification due {r.DueDate:yyyy-MM-dd}");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        await CaseLoad.LockForChange(cn, tx, r.CaseId, r.Version, ct);
        var now = clock.GetUtcNow();
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO case_rectifications (id, case_id, action, due_date, added_at) VALUES (@id, @CaseId, @action, @DueDate, @now)
            """, new { id = Guid.NewGuid(), r.CaseId, action = r.Action.Trim(), r.DueDate, now }, tx, cancellationToken: ct));
        await CaseLedger.Touch(cn, tx, r.CaseId, ct);
        return await CaseLedger.AppendAsync(cn, tx, ledger, r.CaseId, "CaseRectificationAdded", actor.Actor.UserName, now,
            $"{r.Action.Trim()} (≤ {r.DueDate:yyyy-MM-dd})", ct);
    }
}
