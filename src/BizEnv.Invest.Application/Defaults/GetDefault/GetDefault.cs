using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Defaults.GetDefault;

/// <summary>One default with its notice as recorded, its steps and the amounts recovered.</summary>
[AllowRoles(Role.PromotionOfficer, Role.IntegrityOfficer, Role.Leader)]
public sealed record GetDefault(Guid Id) : IQuery<DefaultDetail>;

public sealed record DefaultDetail(DefaultState Default, string NoticeText, IReadOnlyList<DefaultStepRow> Steps, IReadOnlyList<DefaultRecoveryRow> Recoveries,
    bool CanWork);

public sealed class GetDefaultHandler(IDbSession db, ActorContext actor) : IRequestHandler<GetDefault, DefaultDetail>
{
    public async Task<DefaultDetail> Handle(GetDefault r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var state = await DefaultState.ReadAsync(cn, null, r.Id, ct);
        if (!DefaultAccess.MayRead(actor.Actor, state.UnitId))
            throw new Errors.NotFoundException("default", r.Id);
        await using var read = await cn.QueryMultipleAsync(new CommandDefinition("""
            SELECT notice_text FROM obligation_defaults WHERE id = @Id;
            SELECT step AS Step, at AS At, actor AS Actor, amount AS Amount, note AS Note FROM default_steps WHERE default_id = @Id ORDER BY seq;
            SELECT r.id AS Id, r.amount AS Amount, r.received_on AS ReceivedOn, r.evidence AS Evidence, u.display_name AS EnteredBy,
                   r.entered_at AS EnteredAt
            FROM default_recoveries r JOIN users u ON u.id = r.entered_by WHERE r.default_id = @Id ORDER BY r.seq;
            """, new { r.Id }, cancellationToken: ct));
        var notice = await read.ReadSingleAsync<string>();
        var steps = (await read.ReadAsync<DefaultStepRow>()).ToList();
        var recoveries = (await read.ReadAsync<DefaultRecoveryRow>()).ToList();
        return new DefaultDetail(state, notice, steps, recoveries, state.IsOpen && DefaultAccess.MayWork(actor.Actor, state.UnitId));
    }
}
