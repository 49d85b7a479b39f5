using BizEnv.Invest.Application.Abstractions;
using Npgsql;

namespace BizEnv.Invest.Infrastructure.Database;

/// <summary>One lazily opened connection per request scope, and at most one transaction on it.</summary>
public sealed class DbSession(NpgsqlDataSource dataSource, EnglishDataSource english) : IDbSession, IAsyncDisposable
{
    private NpgsqlConnection? _connection;

    public NpgsqlTransaction? Transaction { get; private set; }

    public async ValueTask<NpgsqlConnection> ConnectionAsync(CancellationToken ct = default) =>
        _connection ??= await OpenAsync(ct);

    // The session reads in the reader's language (unit names, migration 0015): an English reader's from the pool whose
    // sessions start in English (see AppDataSource.BuildEnglish).
    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct) =>
        await (Application.Localization.Text.IsEnglishNow ? english.DataSource : dataSource).OpenConnectionAsync(ct);

    public async Task BeginAsync(CancellationToken ct = default)
    {
        if (Transaction is not null)
            throw new InvalidOperationException("A transaction is already open in this scope.");
        var cn = await ConnectionAsync(ct);
        Transaction = await cn.BeginTransactionAsync(ct);
    }

    public async Task CommitAsync(CancellationToken ct = default)
    {
        if (Transaction is null)
            return;
        await Transaction.CommitAsync(ct);
        await Transaction.DisposeAsync();
        Transaction = null;
    }

    public async Task RollbackAsync(CancellationToken ct = default)
    {
        if (Transaction is null)
            return;
        try
        {
            await Transaction.RollbackAsync(ct);
        }
        catch (Exception) when (_connection?.State != System.Data.ConnectionState.Open)
        {
            // The connection broke; the server has already discarded the transaction.
        }
        await Transaction.DisposeAsync();
        Transaction = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (Transaction is not null)
            await RollbackAsync(CancellationToken.None);
        if (_connection is not null)
            await _connection.DisposeAsync();
    }
}
