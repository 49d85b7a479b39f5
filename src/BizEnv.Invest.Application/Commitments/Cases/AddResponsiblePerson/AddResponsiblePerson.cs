using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Cases.AddResponsiblePerson;

/// <summary>Records a person held responsible for the breach: name, position, unit and what part they played.</summary>
[AllowRoles(Role.IntegrityOfficer)]
public sealed record AddResponsiblePerson(Guid CaseId, string Name, string Position, string UnitName, Responsibility Responsibility, int Version) : ICommand<CaseState>;

public sealed class AddResponsiblePersonValidator : AbstractValidator<AddResponsiblePerson>
{
    public AddResponsiblePersonValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithText("case.person_name_required").MaximumLength(50).WithText("field.too_long", 50);
        RuleFor(x => x.Position).NotEmpty().WithText("case.person_position_required").MaximumLength(100).WithText("field.too_long", 100);
        RuleFor(x => x.UnitName).NotEmpty().WithText("case.person_unit_required").MaximumLength(100).WithText("field.too_long", 100);
        RuleFor(x => x.Responsibility).IsInEnum().WithText("case.responsibility_unknown");
    }
}

public sealed class AddResponsiblePersonHandler(IDbSession db, ActorContext actor, IAuditTrail audit, LedgerWriter ledger, TimeProvider clock)
    : IRequestHandler<AddResponsiblePerson, CaseState>
{
    public async Task<CaseState> Handle(AddResponsiblePerson r, CancellationToken ct)
    {
        audit.Target("case", r.CaseId, $"responsible: {r.Name}");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        await CaseLoad.LockForChange(cn, tx, r.CaseId, r.Version, ct);
        var now = clock.GetUtcNow();
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO case_responsible_persons (id, case_id, name, position, unit_name, responsibility, added_at)
            VALUES (@id, @CaseId, @name, @position, @unit, @responsibility, @now)
            """, new { id = Guid.NewGuid(), r.CaseId, name = r.Name.Trim(), position = r.Position.Trim(), unit = r.UnitName.Trim(),
            responsibility = r.Responsibility.ToString(), now }, tx, cancellationToken: ct));
        await CaseLedger.Touch(cn, tx, r.CaseId, ct);
        return await CaseLedger.AppendAsync(cn, tx, ledger, r.CaseId, "CaseResponsiblePersonAdded", actor.Actor.UserName, now,
            $"{r.Name.Trim()} · {r.Position.Trim()} · {r.UnitName.Trim()}", ct);
    }
}
