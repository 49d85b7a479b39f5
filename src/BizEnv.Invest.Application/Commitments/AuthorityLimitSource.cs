using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments;

/// <summary>Reads the authority limits of a unit and role, and applies them to promisers and to approvers.</summary>
public static class AuthorityLimitSource
{
    public static async Task<IReadOnlyList<AuthorityLimit>> LoadAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid unitId, Role role, CancellationToken ct) =>
        (await cn.QueryAsync<(string Kind, decimal? Max)>(new CommandDefinition(
            "SELECT kind, max_value FROM authority_limits WHERE unit_id = @unitId AND role = @role", new { unitId, role = role.ToString() }, tx, cancellationToken: ct)))
        .Select(l => new AuthorityLimit(Enum.Parse<CommitmentKind>(l.Kind), l.Max)).ToList();

    /// <summary>What a promotion officer's promise (or widening amendment) gets: binding, or pending with the reason in words.</summary>
    public static async Task<(bool Binding, string? PendingReason)> JudgePromiserAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Actor promiser,
        CommitmentKind kind, decimal? value, bool hasPolicyBasis, CancellationToken ct)
    {
        var limits = await LoadAsync(cn, tx, promiser.UnitId!.Value, Role.PromotionOfficer, ct);
        var verdict = AuthorityCheck.Evaluate(limits, kind, value, hasPolicyBasis);
        return (verdict.Binding, verdict.Binding ? null : Text.Get(verdict.ReasonCode!, verdict.ReasonArgs));
    }

    /// <summary>
    /// An approver must hold the authority the promiser lacked. Leaders of a unit with no leader limits
    /// configured hold all of it; where the admin has set leader limits, they apply to approvals too.
    /// </summary>
    public static async Task EnsureApproverAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Actor approver, CommitmentKind kind, decimal? value, CancellationToken ct)
    {
        var limits = await LoadAsync(cn, tx, approver.UnitId!.Value, Role.Leader, ct);
        if (limits.Count == 0)
            return;
        var verdict = AuthorityCheck.Evaluate(limits, kind, value, hasPolicyBasis: true);
        if (!verdict.Binding)
            throw new DomainException("authority.approver_lacks", Text.Get(verdict.ReasonCode!, verdict.ReasonArgs));
    }
}
