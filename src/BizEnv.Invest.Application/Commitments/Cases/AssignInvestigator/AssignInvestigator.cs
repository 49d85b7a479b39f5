using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Cases.AssignInvestigator;

/// <summary>Names (or changes) the integrity officer who investigates a case.</summary>
[AllowRoles(Role.IntegrityOfficer)]
public sealed record AssignInvestigator(Guid CaseId, Guid InvestigatorId, int Version) : ICommand<CaseState>;

public sealed class AssignInvestigatorHandler(IDbSession db, ActorContext actor, IAuditTrail audit, LedgerWriter ledger, TimeProvider clock)
    : IRequestHandler<AssignInvestigator, CaseState>
{
    public async Task<CaseState> Handle(AssignInvestigator r, CancellationToken ct)
    {
        audit.Target("case", r.CaseId, $"investigator {r.InvestigatorId}");
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        await CaseLoad.LockForChange(cn, tx, r.CaseId, r.Version, ct);
        var name = await cn.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT display_name FROM users WHERE id = @InvestigatorId AND NOT is_disabled AND 'IntegrityOfficer' = ANY(roles)", new { r.InvestigatorId }, tx, cancellationToken: ct))
            ?? throw ValidationText.FieldError(nameof(r.InvestigatorId), "case.investigator_not_integrity");
        await cn.ExecuteAsync(new CommandDefinition("UPDATE integrity_cases SET investigator_id = @InvestigatorId WHERE id = @CaseId", r, tx, cancellationToken: ct));
        await CaseLedger.Touch(cn, tx, r.CaseId, ct);
        return await CaseLedger.AppendAsync(cn, tx, ledger, r.CaseId, "CaseInvestigatorAssigned", actor.Actor.UserName, clock.GetUtcNow(), name, ct);
    }
}
