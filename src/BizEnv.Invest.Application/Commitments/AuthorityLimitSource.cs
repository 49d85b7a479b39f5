using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments;

/// <summary>Reads the authority limits of a unit and role (the Promise aggregate applies them to promisers and approvers).</summary>
public static class AuthorityLimitSource
{
    /// <summary>The limits of a role in a unit (parameters <c>@unitId</c>, <c>@role</c>), for callers that batch it with other reads.</summary>
    public const string Select = "SELECT kind, max_value FROM authority_limits WHERE unit_id = @unitId AND role = @role";

    public static async Task<IReadOnlyList<AuthorityLimit>> LoadAsync(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid unitId, Role role, CancellationToken ct) =>
        Read(await cn.QueryAsync<(string Kind, decimal? Max)>(new CommandDefinition(Select, new { unitId, role = role.ToString() }, tx, cancellationToken: ct)));

    public static IReadOnlyList<AuthorityLimit> Read(IEnumerable<(string Kind, decimal? Max)> rows) =>
        rows.Select(l => new AuthorityLimit(Enum.Parse<CommitmentKind>(l.Kind), l.Max)).ToList();
}
