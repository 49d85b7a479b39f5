using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Chains;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Chains.Targets;

/// <summary>A visit logged for a target (CRM's LogVisit): any officer may make it, as they may visit any firm.</summary>
internal static class TargetVisits
{
    /// <summary>The target must be pursued still and be the visited firm; a new target becomes "contacted" in the visit's transaction.</summary>
    public static async Task EnsureVisitable(NpgsqlConnection cn, NpgsqlTransaction tx, Guid targetId, Guid investorId, DateTimeOffset now, CancellationToken ct)
    {
        var target = await cn.QuerySingleOrDefaultAsync<(Guid? Investor, string Status)?>(new CommandDefinition(
            "SELECT investor_id, status FROM chain_targets WHERE id = @targetId FOR UPDATE", new { targetId }, tx, cancellationToken: ct))
            ?? throw ValidationText.FieldError("TargetId", "chain.target_unknown");
        var status = Enum.Parse<ChainTargetStatus>(target.Status);
        if (status == ChainTargetStatus.Dropped)
            throw ValidationText.FieldError("TargetId", "chain.target_dropped");
        if (target.Investor != investorId)
            throw ValidationText.FieldError("TargetId", "chain.target_other_firm");
        var next = ChainTargetRules.AfterVisit(status);
        if (next != status)
            await TargetLoad.Touch(cn, tx, targetId, next, now, ct);
    }
}
