using System.Globalization;
using BizEnv.Invest.Application;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm.Investors.ListInvestors;
using BizEnv.Invest.Application.Crm.Projects.ListProjects;
using BizEnv.Invest.Benchmarks;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Infrastructure;
using BizEnv.Invest.Infrastructure.Database;
using BizEnv.Invest.Infrastructure.Seeding;
using BizEnv.Invest.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

// Usage: run.sh [investors] [projects-per-investor] [iterations]   (defaults 100000 3 300) — the CRM list queries
//        run.sh ledger [records] [sweep] [ledger-size] [latency-samples] [grains] (defaults 2000 100000 1000000 200 100000) — the commitment ledger
//        run.sh exports [rows] (default 100000) — the .xlsx exports, one by one and four at once, against COPY of the same rows
//        run.sh append [writers] [seconds] (defaults 8 20) — ledger appends with the sequencer sealing, against the same INSERT raw
//        run.sh proofs [entries] [samples] (defaults 10000000 2000) — inclusion and consistency proofs over a stored tree of that size
//        run.sh verify [entries] (default 1000000) — the full ledger check (chain, tree, checkpoint) over a ledger of that size
//        run.sh merkle [leaves] [samples] (defaults 10000000 10000) — the ledger's Merkle tree in memory: appends, proofs, verification; checkpoint signing
//        run.sh investors [iterations] [small] [large] (defaults 300 1000 100000) — registering a firm through its grain vs raw SQL at both sizes, deep-page search
//        run.sh figures [promises] [obligations] [iterations] (defaults 100000 50000 100) — the agreement figures on /figures vs the same SQL raw
if (args.Length > 0 && args[0] == "merkle")
{
    await MerkleBenchmarks.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000_000,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10_000);
    await SigningBenchmarks.RunAsync(2000);
    return;
}
if (args.Length > 0 && args[0] == "exports")
{
    var exportsDb = await TestPostgres.CreateDatabaseAsync("bench_exports");
    var exportServices = BenchSetup.Services(exportsDb);
    await exportServices.GetRequiredService<DemoSeeder>().SeedAsync();
    var exportSource = exportServices.GetRequiredService<NpgsqlDataSource>();
    await using (var cn = await exportSource.OpenConnectionAsync())
    {
        var adminActor = await BenchSetup.ActorAsync(cn, "admin");
        var units = (await cn.QueryAsync<Guid>("SELECT unit_id FROM users WHERE user_name IN ('officer', 'officer2')")).ToArray();
        await ExportBenchmarks.RunAsync(exportServices.GetRequiredService<RequestDispatcher>(), exportSource, exportsDb.OwnerConnectionString, adminActor, units,
            args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000);
    }
    return;
}
if (args.Length > 0 && args[0] == "figures")
{
    int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
    var figuresDb = await TestPostgres.CreateDatabaseAsync("bench_figures");
    var figureServices = BenchSetup.Services(figuresDb);
    await figureServices.GetRequiredService<DemoSeeder>().SeedAsync();
    var figureSource = figureServices.GetRequiredService<NpgsqlDataSource>();
    await using (var cn = await figureSource.OpenConnectionAsync())
    {
        var leaderActor = await BenchSetup.ActorAsync(cn, "leader");
        var units = (await cn.QueryAsync<Guid>("SELECT unit_id FROM users WHERE user_name IN ('officer', 'officer2') ORDER BY user_name")).ToArray();
        await FigureBenchmarks.RunAsync(figureServices.GetRequiredService<RequestDispatcher>(), figureSource, figuresDb.OwnerConnectionString, leaderActor, units,
            Arg(1, 100_000), Arg(2, 50_000), Arg(3, 100));
    }
    return;
}
if (args.Length > 0 && args[0] == "investors")
{
    int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
    var investorsDb = await TestPostgres.CreateDatabaseAsync("bench_investors");
    // A node as the app runs one: a registration goes through the firm's grain.
    await using var investorsNode = await ClusterNode.StartAsync(investorsDb.AppConnectionString, investorsDb.OwnerConnectionString, TimeProvider.System);
    await investorsNode.Services.GetRequiredService<DemoSeeder>().SeedAsync();
    await using (var cn = await investorsNode.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
    {
        var officerActor = await BenchSetup.ActorAsync(cn, "officer");
        var otherUnit = await cn.ExecuteScalarAsync<Guid>("SELECT unit_id FROM users WHERE user_name = 'officer2'");
        await InvestorBenchmarks.RunAsync(investorsNode, investorsDb.OwnerConnectionString, officerActor, otherUnit, Arg(1, 300), Arg(2, 1000), Arg(3, 100_000));
    }
    return;
}
if (args.Length > 0 && args[0] is "append" or "proofs" or "verify")
{
    int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
    var scaleDb = await TestPostgres.CreateDatabaseAsync("bench_" + args[0]);
    await using var scaleNode = await ClusterNode.StartAsync(scaleDb.AppConnectionString, scaleDb.OwnerConnectionString, TimeProvider.System);
    await scaleNode.Services.GetRequiredService<DemoSeeder>().SeedAsync();
    var scaleSource = scaleNode.Services.GetRequiredService<NpgsqlDataSource>();
    switch (args[0])
    {
        case "append":
            await LedgerScaleBenchmarks.AppendAsync(scaleNode.Services, scaleSource, Arg(1, 8), Arg(2, 20));
            break;
        case "proofs":
            await LedgerScaleBenchmarks.ProofsAsync(scaleNode.Services, scaleSource, scaleDb.OwnerConnectionString, Arg(1, 10_000_000), Arg(2, 2000));
            break;
        default:
            await LedgerBenchmarks.Verify(scaleNode.Services, scaleSource, Arg(1, 1_000_000));
            break;
    }
    return;
}
if (args.Length > 0 && args[0] == "ledger")
{
    int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
    var ledgerDb = await TestPostgres.CreateDatabaseAsync("bench_ledger");
    // A node as the app runs one (its silo and the grains): the record path goes through the promise grain.
    await using var ledgerNode = await ClusterNode.StartAsync(ledgerDb.AppConnectionString, ledgerDb.OwnerConnectionString, TimeProvider.System);
    var ledgerServices = ledgerNode.Services;
    await ledgerServices.GetRequiredService<DemoSeeder>().SeedAsync();
    await using (var cn = await ledgerServices.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
    {
        var officerActor = await BenchSetup.ActorAsync(cn, "officer");
        await LedgerBenchmarks.RunAsync(ledgerNode, officerActor, Arg(1, 2000), Arg(2, 100_000), Arg(3, 1_000_000), Arg(4, 200), Arg(5, 100_000));
    }
    return;
}

var investors = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var perInvestor = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var iterations = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 300;

var db = await TestPostgres.CreateDatabaseAsync("bench");
var services = BenchSetup.Services(db);
await services.GetRequiredService<DemoSeeder>().SeedAsync();
var dataSource = services.GetRequiredService<NpgsqlDataSource>();
await using (var cn = await dataSource.OpenConnectionAsync())
{
    var officer = await cn.QuerySingleAsync<(Guid Id, Guid Unit)>("SELECT id, unit_id FROM users WHERE user_name = 'officer'");
    var other = await cn.ExecuteScalarAsync<Guid>("SELECT unit_id FROM users WHERE user_name = 'officer2'");
    var started = DateTime.UtcNow;
    await CrmData.LoadAsync(db.OwnerConnectionString, [officer.Unit, other], officer.Id, investors, perInvestor);
    Console.WriteLine($"Loaded {investors:N0} investors and {investors * perInvestor:N0} projects in {(DateTime.UtcNow - started).TotalSeconds:F1} s");
}

var actor = await ActorFor("officer");
var dispatcher = services.GetRequiredService<RequestDispatcher>();
var scenarios = new (string Name, Func<int, object> App, string CountSql, string PageSql, Func<int, object> Args)[]
{
    ("investors: my unit, by name, page n",
        i => new ListInvestors(Page: 1 + i % 50),
        InvestorListQuery.CountSql, InvestorListQuery.PageSql("lower(i.name) ASC"),
        i => InvestorArgs(actor.UnitId, null, null, 1 + i % 50)),
    ("investors: search '瑞能', industry C38",
        _ => new ListInvestors(Search: "瑞能", Industry: "C38"),
        InvestorListQuery.CountSql, InvestorListQuery.PageSql("lower(i.name) ASC"),
        _ => InvestorArgs(actor.UnitId, "瑞能", "C38", 1)),
    ("projects: my unit, newest first, page n",
        i => new ListProjects(Page: 1 + i % 50),
        ProjectListQuery.CountSql, ProjectListQuery.PageSql("p.updated_at DESC"),
        i => ProjectArgs(actor.UnitId, null, null, 1 + i % 50)),
    ("projects: stage Signed, by planned investment",
        _ => new ListProjects(Stage: ProjectStage.Signed, Sort: "plannedInvestment", Descending: true),
        ProjectListQuery.CountSql, ProjectListQuery.PageSql("p.planned_investment DESC"),
        _ => ProjectArgs(actor.UnitId, "Signed", null, 1)),
};

Console.WriteLine($"{iterations} operations per scenario; 'app' = full MediatR pipeline + Dapper + DTOs, 'raw' = the same SQL on a bare NpgsqlCommand");
foreach (var s in scenarios)
{
    var app = await Measure.Run("app " + s.Name, iterations, async i => await SendAny(s.App(i)));
    var raw = await Measure.Run("raw " + s.Name, iterations, async i => await Raw(s.CountSql, s.PageSql, s.Args(i)));
    Console.WriteLine(app);
    Console.WriteLine(raw);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  ratio app/raw throughput = {app.OpsPerSecond / raw.OpsPerSecond:P0}; app p99 {app.P99Ms:F1} ms (target ≤ 50 ms): {(app.P99Ms <= 50 ? "met" : "NOT MET")}"));
}

async Task SendAny(object request)
{
    switch (request)
    {
        case ListInvestors q: await dispatcher.Send(q, actor); break;
        case ListProjects q: await dispatcher.Send(q, actor); break;
    }
}

async Task Raw(string countSql, string pageSql, object parameters)
{
    await using var cn = await dataSource.OpenConnectionAsync();
    await using (var count = new NpgsqlCommand(countSql, cn))
    {
        Bind(count, parameters);
        await count.ExecuteScalarAsync();
    }
    await using var page = new NpgsqlCommand(pageSql, cn);
    Bind(page, parameters);
    await using var reader = await page.ExecuteReaderAsync();
    var values = new object[reader.FieldCount];
    while (await reader.ReadAsync())
        reader.GetValues(values);
}

static void Bind(NpgsqlCommand command, object parameters)
{
    foreach (var p in parameters.GetType().GetProperties())
        command.Parameters.AddWithValue(p.Name, p.GetValue(parameters) ?? DBNull.Value);
}

static object InvestorArgs(Guid? unit, string? search, string? industry, int page) => new
{
    unit = (object?)unit ?? DBNull.Value, search = (object?)search ?? DBNull.Value, industry = (object?)industry ?? DBNull.Value,
    ownership = DBNull.Value, region = DBNull.Value, fortune = DBNull.Value, china = DBNull.Value, officer = DBNull.Value, stage = DBNull.Value,
    size = 20, offset = (page - 1) * 20,
};

static object ProjectArgs(Guid? unit, string? stage, string? search, int page) => new
{
    unit = (object?)unit ?? DBNull.Value, search = (object?)search ?? DBNull.Value, stage = (object?)stage ?? DBNull.Value, level = DBNull.Value,
    keyOnly = false, investor = DBNull.Value, lacking = false, size = 20, offset = (page - 1) * 20,
};

async Task<Actor> ActorFor(string userName)
{
    await using var cn = await dataSource.OpenConnectionAsync();
    return await BenchSetup.ActorAsync(cn, userName);
}
