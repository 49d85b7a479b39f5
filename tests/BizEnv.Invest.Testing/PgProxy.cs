using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace BizEnv.Invest.Testing;

/// <summary>
/// A TCP relay on a loopback port between the app and the test PostgreSQL, which a test can cut
/// to play a database outage without stopping the shared cluster:
/// <list type="bullet">
/// <item><see cref="Sever"/> drops every relayed connection and refuses new ones (the port stops
/// listening: "connection refused") until <see cref="Restore"/>.</item>
/// <item><see cref="DropAtNextCommit"/> drops the client's connection when it next sends COMMIT
/// (Npgsql sends it as a simple-query 'Q' message), either before the server sees it (nothing
/// committed) or after handing it over (committed) — either way the client never hears back.</item>
/// </list>
/// </summary>
public sealed class PgProxy : IAsyncDisposable
{
    private const int SslRequest = 80877103;
    private const int GssEncRequest = 80877104;

    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<Link, byte> _links = new();
    private TcpListener? _listener;
    private bool _severed;
    private bool _disposed;
    private Trap? _trap;

    private PgProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Listen(listener);
    }

    public int Port { get; }

    /// <summary>Connections currently relayed.</summary>
    public int OpenConnections => _links.Count;

    /// <summary>A relay in front of the server that <paramref name="connectionString"/> names.</summary>
    public static PgProxy For(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return new PgProxy(b.Host ?? "127.0.0.1", b.Port);
    }

    /// <summary>The same connection string, through this relay (plain TCP, so the relay can read the protocol).</summary>
    public string Route(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = Port, SslMode = SslMode.Disable }.ConnectionString;

    /// <summary>The database "goes away": every relayed connection is reset and new ones are refused.</summary>
    public void Sever()
    {
        List<Link> open;
        lock (_gate)
        {
            _severed = true;
            _listener?.Stop();
            _listener = null;
            open = [.. _links.Keys];
        }
        foreach (var link in open)
            link.Abort();
    }

    /// <summary>The database "comes back" on the same port.</summary>
    public void Restore()
    {
        lock (_gate)
        {
            if (!_severed || _disposed)
                return;
            _severed = false;
            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            Listen(listener);
        }
    }

    /// <summary>
    /// Arms a one-shot trap: the next COMMIT any client sends is (if <paramref name="deliverToServer"/>)
    /// handed to the server, and the client's connection is reset before any reply reaches it.
    /// The returned task completes when the trap has fired.
    /// </summary>
    public Task DropAtNextCommit(bool deliverToServer) => DropAtNext(IsCommit, deliverToServer);

    private static bool IsCommit(string sql) => sql.Trim().TrimEnd(';').Trim().Equals("COMMIT", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Arms a one-shot trap on the next statement (simple query 'Q' or extended-protocol Parse 'P')
    /// whose SQL matches: it is handed to the server or not, and the client's connection is reset.
    /// </summary>
    public Task DropAtNext(Func<string, bool> statement, bool deliverToServer) => Arm(new Trap(statement, deliverToServer, null));

    /// <summary>
    /// As <see cref="DropAtNextCommit"/>, but only the COMMIT of a connection that has sent a statement matching
    /// <paramref name="after"/> since the trap was armed: one transaction's among others committing at the same time.
    /// The statement is recognised by its text, which Npgsql sends in a Parse only until it has prepared the statement on
    /// that connection (after five uses, Max Auto Prepare): match a statement the connection has not run that often.
    /// </summary>
    public Task DropAtCommitAfter(Func<string, bool> after, bool deliverToServer) =>
        Arm(new Trap(IsCommit, deliverToServer, after));

    private Task Arm(Trap trap)
    {
        Volatile.Write(ref _trap, trap);
        return trap.Fired.Task;
    }

    private void Listen(TcpListener listener)
    {
        _listener = listener;
        _ = Task.Run(async () =>
        {
            while (true)
            {
                Socket client;
                try
                {
                    client = await listener.AcceptSocketAsync();
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
                {
                    return; // stopped: severed or disposed
                }
                _ = RelayAsync(client);
            }
        });
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        var link = new Link(client, server);
        try
        {
            await server.ConnectAsync(_targetHost == "localhost" ? "127.0.0.1" : _targetHost, _targetPort);
        }
        catch (SocketException)
        {
            link.Abort();
            return;
        }
        lock (_gate)
        {
            if (_severed || _disposed)
            {
                link.Abort();
                return;
            }
            _links[link] = 0;
        }
        try
        {
            await Task.WhenAll(PumpToClientAsync(link), PumpToServerAsync(link));
        }
        finally
        {
            _links.TryRemove(link, out _);
            link.Abort();
        }
    }

    private static async Task PumpToClientAsync(Link link)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var n = await link.Server.ReceiveAsync(buffer, SocketFlags.None);
                // Once a trap has cut the client off, nothing more reaches it — not even a reply the
                // server sends to the COMMIT handed over a moment ago.
                if (n == 0 || link.ClientCut)
                    break;
                await link.Client.SendAsync(buffer.AsMemory(0, n), SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        link.Abort();
    }

    /// <summary>Forwards the client's messages one by one, so a COMMIT can be recognised whole.</summary>
    private async Task PumpToServerAsync(Link link)
    {
        try
        {
            var startup = true;
            while (true)
            {
                byte[] message;
                if (startup)
                {
                    // Untyped: Int32 length (itself included), then the body whose first Int32 says what it is.
                    var length = await ReadAsync(link.Client, 4);
                    if (length is null)
                        break;
                    var body = await ReadAsync(link.Client, BinaryPrimitives.ReadInt32BigEndian(length) - 4);
                    if (body is null)
                        break;
                    message = [.. length, .. body];
                    var code = BinaryPrimitives.ReadInt32BigEndian(body);
                    startup = code is SslRequest or GssEncRequest; // after these the real startup message follows
                }
                else
                {
                    // Typed: one type byte, Int32 length (itself included), body.
                    var header = await ReadAsync(link.Client, 5);
                    if (header is null)
                        break;
                    var body = await ReadAsync(link.Client, BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1)) - 4);
                    if (body is null)
                        break;
                    message = [.. header, .. body];
                    var sql = SqlOf(header[0], body);
                    if (sql is not null && Volatile.Read(ref _trap) is { After: { } after } primer && after(sql))
                        link.PrimedBy = primer;
                    if (sql is not null && Volatile.Read(ref _trap) is { } armed && armed.Statement(sql) && (armed.After is null || ReferenceEquals(link.PrimedBy, armed)) &&
                        Interlocked.CompareExchange(ref _trap, null, armed) == armed)
                    {
                        var trap = armed;
                        if (trap.Deliver)
                        {
                            link.ClientCut = true; // before the server can answer, or its reply could still slip through
                            await SendAllAsync(link.Server, message);
                            link.AbortClientOnly(); // the server commits; its reply finds the client gone
                        }
                        else
                        {
                            link.Abort(); // the server never sees the COMMIT and rolls back when the socket closes
                        }
                        trap.Fired.TrySetResult();
                        return;
                    }
                }
                await SendAllAsync(link.Server, message);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        link.Abort();
    }

    /// <summary>The SQL of a simple query (Q: the text) or of a Parse (P: statement name, then the text); null for other messages.</summary>
    private static string? SqlOf(byte type, byte[] body)
    {
        var span = body.AsSpan();
        if (type == (byte)'P')
            span = span[(span.IndexOf((byte)0) + 1)..];
        else if (type != (byte)'Q')
            return null;
        var end = span.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }

    private static async Task<byte[]?> ReadAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None);
            if (n == 0)
                return null;
            read += n;
        }
        return buffer;
    }

    private static async Task SendAllAsync(Socket socket, byte[] data)
    {
        var sent = 0;
        while (sent < data.Length)
            sent += await socket.SendAsync(data.AsMemory(sent), SocketFlags.None);
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
            _disposed = true;
        Sever();
        return ValueTask.CompletedTask;
    }

    /// <summary>Fires at <see cref="Statement"/>; with <see cref="After"/>, only on a connection that sent a statement matching it first.</summary>
    private sealed record Trap(Func<string, bool> Statement, bool Deliver, Func<string, bool>? After)
    {
        public TaskCompletionSource Fired { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Link(Socket client, Socket server)
    {
        public Socket Client { get; } = client;
        public Socket Server { get; } = server;

        public volatile bool ClientCut;

        /// <summary>The trap whose first statement this connection has sent.</summary>
        public object? PrimedBy;

        /// <summary>Resets both sides at once (RST, not a polite FIN), as a dead network or server would.</summary>
        public void Abort()
        {
            AbortClientOnly();
            Reset(Server);
        }

        public void AbortClientOnly() => Reset(Client);

        private static void Reset(Socket socket)
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
