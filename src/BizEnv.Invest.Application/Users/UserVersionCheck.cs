using BizEnv.Invest.Application.Errors;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Users;

internal static class UserVersionCheck
{
    /// <summary>An update matched no row: either the user does not exist (404) or its version moved on (409).</summary>
    public static async Task ThrowMissingOrConflict(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid id, CancellationToken ct)
    {
        var exists = await cn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM users WHERE id = @id)", new { id }, tx, cancellationToken: ct));
        throw exists ? new ConcurrencyConflictException("user", id) : new NotFoundException("user", id);
    }
}
