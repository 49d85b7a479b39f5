using Npgsql;

namespace BizEnv.Invest.Application.Abstractions;

/// <summary>
/// The request scope's connection and, for commands, its one transaction. Handlers pass
/// <see cref="Transaction"/> to every Dapper call so that a command writes all or nothing.
/// </summary>
public interface IDbSession
{
    ValueTask<NpgsqlConnection> ConnectionAsync(CancellationToken ct = default);

    NpgsqlTransaction? Transaction { get; }

    Task BeginAsync(CancellationToken ct = default);

    Task CommitAsync(CancellationToken ct = default);

    Task RollbackAsync(CancellationToken ct = default);
}
