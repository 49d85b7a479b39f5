using System.Net.Sockets;
using Npgsql;

namespace BizEnv.Invest.Application.Errors;

/// <summary>
/// Tells a database that cannot be talked to (connection refused or dropped, server shutting down
/// or not yet accepting, pool exhausted, network timeout) from a database that answered with an
/// error. Only the first kind means "try again later"; a constraint violation or a deadlock is an
/// answer and keeps its own meaning.
/// </summary>
public static class DatabaseFault
{
    // 08xxx connection exceptions; 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect
    // now (starting up, recovering); 53300 too many connections.
    private static readonly string[] UnreachableStates = ["57P01", "57P02", "57P03", "53300"];

    public static bool IsUnreachable(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case PostgresException pg:
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || UnreachableStates.Contains(pg.SqlState);
                case NpgsqlException npgsql when npgsql.IsTransient:
                    // Client-side: the socket failed or timed out (Npgsql marks these transient).
                    return true;
                case SocketException or EndOfStreamException or TimeoutException:
                    return true;
                // Only a socket's I/O error: ASP.NET Core's BadHttpRequestException is an IOException too,
                // and an unreadable request body says nothing about the database.
                case IOException when ex.InnerException is SocketException:
                    return true;
            }
        }
        return false;
    }
}
