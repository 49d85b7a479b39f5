using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Handover.Grain;
using BizEnv.Invest.Application.Common;
using Dapper;
using FluentValidation;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Handover.AcknowledgeHandover;

/// <summary>The successor confirms they hold one handed-over item (签收); its ledger gets a Handover.Acknowledged entry.</summary>
public sealed record AcknowledgeHandover(Guid HandoverId, string Kind, Guid SubjectId) : ICommand<HandoverSummary>, IGrainCommand;

public sealed class AcknowledgeHandoverValidator : AbstractValidator<AcknowledgeHandover>
{
    public AcknowledgeHandoverValidator() =>
        RuleFor(x => x.Kind).NotEmpty().WithText("field.required").MaximumLength(40).WithText("field.too_long", 40);
}

public sealed class AcknowledgeHandoverHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<AcknowledgeHandover, HandoverSummary>
{
    public async Task<HandoverSummary> Handle(AcknowledgeHandover r, CancellationToken ct)
    {
        audit.Target("handover", r.HandoverId, $"{r.Kind} {r.SubjectId}");
        var me = actor.Actor.UserId!.Value;
        await HandoverAccess.EnsureSuccessorAsync(await db.ConnectionAsync(ct), r.HandoverId, me, ct);
        var reply = await grains.GetGrain<IHandoverGrain>(r.HandoverId).Acknowledge(new HandoverAcknowledgement(r.Kind, r.SubjectId, me),
            CommandContext.For(actor, audit, r));
        return reply.Result<HandoverSummary>();
    }
}

public static class HandoverAccess
{
    /// <summary>A handover is the successor's to acknowledge; to anyone else it does not exist (ids cannot be probed).</summary>
    public static async Task EnsureSuccessorAsync(Npgsql.NpgsqlConnection cn, Guid handover, Guid me, CancellationToken ct)
    {
        var successor = await cn.ExecuteScalarAsync<Guid?>(new CommandDefinition("SELECT successor_id FROM handovers WHERE id = @handover", new { handover },
            cancellationToken: ct));
        if (successor != me)
            throw new NotFoundException("handover", handover);
    }
}
