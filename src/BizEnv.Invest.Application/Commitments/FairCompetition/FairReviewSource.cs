using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Promises;
using BizEnv.Invest.Domain.Commitments;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.FairCompetition;

/// <summary>
/// The fair-competition review's settings as the handlers read them: the active rules (handed to the promise's grain
/// at recording; the aggregate decides whether they match) and the reviewing unit the admin named.
/// </summary>
public static class FairReviewSource
{
    /// <summary>The active rules, for callers that batch it with other reads.</summary>
    public const string SelectActiveRules = "SELECT id, name, kinds, keywords, legal_basis FROM fair_competition_rules WHERE active ORDER BY name";

    public static FairRule[] ReadRules(IEnumerable<(Guid Id, string Name, string[] Kinds, string[] Keywords, string LegalBasis)> rows) =>
        [.. rows.Select(r => new FairRule(r.Id, r.Name, [.. r.Kinds.Select(Enum.Parse<CommitmentKind>)], r.Keywords, r.LegalBasis))];

    public static Task<Guid?> ReviewingUnitAsync(NpgsqlConnection cn, CancellationToken ct) =>
        cn.ExecuteScalarAsync<Guid?>(new CommandDefinition("SELECT reviewing_unit_id FROM fair_competition_settings", cancellationToken: ct));

    /// <summary>Only a user of the unit the admin named records opinions or sees the queue (none named: nobody yet).</summary>
    public static async Task EnsureReviewerAsync(NpgsqlConnection cn, Actor actor, CancellationToken ct)
    {
        if (await ReviewingUnitAsync(cn, ct) is not { } unit || actor.UnitId != unit)
            throw new Errors.ForbiddenException("fairreview.not_reviewer");
    }
}

/// <summary>A rule of the list as an admin sees and edits it.</summary>
public sealed record FairRuleDto(Guid Id, string Name, IReadOnlyList<CommitmentKind> Kinds, IReadOnlyList<string> Keywords, string LegalBasis, bool Active,
    int Version);

/// <summary>The review of one flagged promise: the rules it matched at recording and, once given, the opinion.</summary>
public sealed record FairReviewDto(FairReviewStatus Status, IReadOnlyList<FairRuleMatch> Rules, string? Opinion, string? ReviewerName, DateTimeOffset? ReviewedAt,
    bool CanReview);

public static class FairReviewRows
{
    public static IReadOnlyList<FairRuleMatch> Rules(string? json) =>
        json is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<FairRuleMatch>>(json) ?? [];

    public static FairRuleDto Rule((Guid Id, string Name, string[] Kinds, string[] Keywords, string LegalBasis, bool Active, int Version) r) =>
        new(r.Id, r.Name, [.. r.Kinds.Select(Enum.Parse<CommitmentKind>)], r.Keywords, r.LegalBasis, r.Active, r.Version);

    public const string SelectRules = "SELECT id, name, kinds, keywords, legal_basis, active, version FROM fair_competition_rules";
}
