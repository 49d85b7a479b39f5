using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.AgreementFigures;
using BizEnv.Invest.Application.Commitments.AgreementFigures.ExportAgreementFigures;
using BizEnv.Invest.Application.Commitments.AgreementFigures.GetAgreementFigures;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Domain.Common;
using Dapper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Npgsql;
using Text = BizEnv.Invest.Application.Localization.Text;

namespace BizEnv.Invest.Application.Tests.Commitments;

/// <summary>
/// The agreement figures on /figures and in their .xlsx, against known rows on real PostgreSQL: what two units' money
/// promises still owe by year due (a partly fulfilled share taken off, lapsed money apart), obligations by kind, and
/// defaults with the amounts recovered — for all units and for one. Rows are inserted by SQL: the writers (the
/// promise, agreement and default grains) are other use cases'.
/// </summary>
public sealed class AgreementFigureTests(AgreementFigureTests.Fixture app) : IClassFixture<AgreementFigureTests.Fixture>
{
    /// <summary>Its own database, seeded once, so the figures are exact.</summary>
    public sealed class Fixture : AppFixture, IAsyncLifetime
    {
        public Guid UnitOne { get; private set; }
        public Guid UnitTwo { get; private set; }
        public string NameOne { get; private set; } = "";
        public string NameTwo { get; private set; } = "";

        public new async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await SeedAsync();
        }

        private async Task SeedAsync()
        {
            var one = await As("officer");
            var two = await As("officer2");
            (UnitOne, UnitTwo) = (one.UnitId!.Value, two.UnitId!.Value);
            var projectOne = await this.NewProject(one, (await this.NewInvestor(one)).Id);
            var projectTwo = await this.NewProject(two, (await this.NewInvestor(two)).Id);

            await using var cn = new NpgsqlConnection(Database.AppConnectionString);
            var year = Clock.Today().Year; // 2026
            async Task Promise(ProjectRef p, Actor by, string status, decimal? value, int dueYear, decimal? share = null) =>
                await cn.ExecuteAsync("""
                    INSERT INTO commitments (id, project_id, investor_id, unit_id, kind, clause, value_cny, made_on, due_date, lapse_at, promiser_id, promiser_name,
                                             status, fulfilled_share, created_at, updated_at)
                    SELECT gen_random_uuid(), p.id, p.investor_id, p.unit_id, 'Subsidy', '设备投资补助', @value, DATE '2025-03-01', @due, @due::timestamptz + interval '16 hours',
                           @by, '测试专员', @status, @share, now(), now()
                    FROM projects p WHERE p.id = @project
                    """, new { project = p.Id, by = by.UserId, status, value, due = new DateOnly(dueYear, 6, 30), share });

            var p1 = new ProjectRef(projectOne.Id);
            var p2 = new ProjectRef(projectTwo.Id);
            // Unit one: 2027 owes 1,000,000 + 2,000,000 × 60 % = 2,200,000; 2028 owes 500,000 + 300,000 + 600,000 = 1,400,000;
            // lapsed 800,000 × 75 % = 600,000. Fulfilled, cancelled, pending, rejected and non-money promises owe nothing.
            await Promise(p1, one, "Open", 1_000_000m, year + 1);
            await Promise(p1, one, "PartlyFulfilled", 2_000_000m, year + 1, 40m);
            await Promise(p1, one, "InProgress", 500_000m, year + 2);
            await Promise(p1, one, "Extended", 300_000m, year + 2);
            await Promise(p1, one, "ConditionUnmet", 600_000m, year + 2);
            await Promise(p1, one, "Lapsed", 800_000m, year - 1, 25m);
            await Promise(p1, one, "Fulfilled", 9_999_999m, year + 1, 100m);
            await Promise(p1, one, "Cancelled", 777_000m, year + 1);
            await Promise(p1, one, "PendingApproval", 1_234_000m, year + 1);
            await Promise(p1, one, "Rejected", 1_234_000m, year + 1);
            await Promise(p1, one, "Open", null, year + 1);
            // Unit two: 2027 owes 4,000,000; 2028 owes 1,000,000 × 66.67 % = 666,700; lapsed 250,000.
            await Promise(p2, two, "Open", 4_000_000m, year + 1);
            await Promise(p2, two, "PartlyFulfilled", 1_000_000m, year + 2, 33.33m);
            await Promise(p2, two, "Lapsed", 250_000m, year - 1);

            var a1 = await Agreement(cn, projectOne.Id, one, "FIG-001");
            var a2 = await Agreement(cn, projectTwo.Id, two, "FIG-002");
            var today = Clock.Today();
            async Task<Guid> Obligation(Guid agreement, Actor by, string kind, string status, DateOnly due)
            {
                var id = Guid.NewGuid();
                await cn.ExecuteAsync("""
                    INSERT INTO obligations (id, agreement_id, kind, description, target, unit, due_date, status, met_on, remedy, owner_id, created_at, updated_at)
                    VALUES (@id, @agreement, @kind, '测试义务', 30, '万元/亩/年', @due, @status, CASE WHEN @status IN ('Met', 'Cured') THEN @due END, 'RecoverSubsidy',
                            @by, now(), now())
                    """, new { id, agreement, kind, status, due, by = by.UserId });
                return id;
            }
            await Obligation(a1, one, "StartOfConstruction", "Met", today.AddDays(-90));
            var taxMissed = await Obligation(a1, one, "TaxPerMu", "Missed", today.AddDays(-60));
            var taxCured = await Obligation(a1, one, "TaxPerMu", "Cured", today.AddDays(-60));
            await Obligation(a1, one, "TaxPerMu", "Open", today.AddDays(-1));   // past due, not yet marked missed
            await Obligation(a1, one, "Jobs", "Open", today);                  // due today: not yet past
            var jobsMissed = await Obligation(a1, one, "Jobs", "Missed", today.AddDays(-200));
            var startMissed = await Obligation(a2, two, "StartOfConstruction", "Missed", today.AddDays(-30));
            await Obligation(a2, two, "FixedAssetInvestment", "Met", today.AddDays(-10));
            await Obligation(a2, two, "FixedAssetInvestment", "Open", today.AddDays(30));

            async Task Default(Guid obligation, string status, decimal? due, decimal? recovered, bool closed) =>
                await cn.ExecuteAsync("""
                    INSERT INTO obligation_defaults (id, obligation_id, status, notice_number, notice_date, notice_text, cure_days, cure_until, decides_at,
                                                     remedy, amount_due, amount_recovered, opened_at, closed_at)
                    VALUES (gen_random_uuid(), @obligation, @status, 'CG-' || @obligation, current_date - 20, '履约催告', 10, current_date - 6, now() - interval '5 days',
                            'RecoverSubsidy', @due, coalesce(@recovered, 0), now() - interval '20 days', CASE WHEN @closed THEN now() END)
                    """, new { obligation, status, due, recovered, closed });
            await Default(taxMissed, "Remedying", 800_000m, 200_000m, closed: false);
            await Default(jobsMissed, "Recovered", 500_000m, 500_000m, closed: true);
            await Default(taxCured, "Cured", null, null, closed: true);
            await Default(startMissed, "Noticed", null, null, closed: false);

            NameOne = await cn.QuerySingleAsync<string>("SELECT name_zh FROM units WHERE id = @UnitOne", new { UnitOne });
            NameTwo = await cn.QuerySingleAsync<string>("SELECT name_zh FROM units WHERE id = @UnitTwo", new { UnitTwo });
        }

        private static async Task<Guid> Agreement(NpgsqlConnection cn, Guid projectId, Actor by, string number)
        {
            var id = Guid.NewGuid();
            await cn.ExecuteAsync("""
                INSERT INTO agreements (id, project_id, investor_id, unit_id, number, title, government_signatory, investor_signatory, signed_on,
                                        owner_id, created_by, created_at, updated_at)
                SELECT @id, p.id, p.investor_id, p.unit_id, @number, '投资协议', '张主任', '李总', DATE '2025-01-10', @by, @by, now(), now()
                FROM projects p WHERE p.id = @projectId
                """, new { id, projectId, number, by = by.UserId });
            return id;
        }

        private sealed record ProjectRef(Guid Id);
    }

    [Fact]
    public async Task What_promises_still_owe_is_pivoted_by_unit_and_year_due_with_the_partly_fulfilled_share_taken_off_and_lapsed_money_apart()
    {
        var figures = await app.Send(new GetAgreementFigures(), await app.As("leader"));
        figures.UnitName.ShouldBeNull();
        var pivot = figures.Pivot("合计");

        pivot.Years.ShouldBe([2027, 2028]); // 2025 has lapsed money only: no column of its own
        var byName = pivot.Rows.ToDictionary(r => r.UnitId!.Value);
        byName[app.UnitOne].ByYear.ShouldBe([2_200_000m, 1_400_000m]);
        byName[app.UnitOne].Running.ShouldBe(3_600_000m);
        byName[app.UnitOne].Lapsed.ShouldBe(600_000m);
        byName[app.UnitTwo].ByYear.ShouldBe([4_000_000m, 666_700m]);
        byName[app.UnitTwo].Running.ShouldBe(4_666_700m);
        byName[app.UnitTwo].Lapsed.ShouldBe(250_000m);
        pivot.Totals.ByYear.ShouldBe([6_200_000m, 2_066_700m]);
        (pivot.Totals.Running, pivot.Totals.Lapsed).ShouldBe((8_266_700m, 850_000m));

        // The integrity office and admins read the same figures; an officer does not.
        (await app.Send(new GetAgreementFigures(), await app.As("integrity"))).Liabilities.ShouldBe(figures.Liabilities);
        await Should.ThrowAsync<ForbiddenException>(() => app.Send(new GetAgreementFigures(), app.As("officer").Result));
    }

    [Fact]
    public async Task Obligations_are_counted_by_kind_and_standing_with_the_met_rate_and_defaults_with_the_amounts_recovered()
    {
        var figures = await app.Send(new GetAgreementFigures(), await app.As("leader"));

        figures.Obligations.Select(o => o.Kind).ShouldBe(["StartOfConstruction", "FixedAssetInvestment", "TaxPerMu", "Jobs"]);
        figures.Obligations[0].ShouldBe(new ObligationKindFigure("StartOfConstruction", 1, 0, 1, 0, 0));
        figures.Obligations[1].ShouldBe(new ObligationKindFigure("FixedAssetInvestment", 1, 0, 0, 0, 1));
        figures.Obligations[2].ShouldBe(new ObligationKindFigure("TaxPerMu", 0, 1, 1, 1, 0));
        figures.Obligations[3].ShouldBe(new ObligationKindFigure("Jobs", 0, 0, 1, 0, 1));
        figures.Obligations.Select(o => o.MetRate).ShouldBe([50m, 100m, 33.3m, 0m]);
        var totals = figures.ObligationTotals("合计");
        (totals.Total, totals.Satisfied, totals.Unmet, totals.MetRate).ShouldBe((9, 3, 4, 42.9m));

        var defaults = figures.Defaults.ToDictionary(d => d.UnitId);
        defaults[app.UnitOne].ShouldBe(new DefaultFigure(app.UnitOne, app.NameOne, 1, 2, 1_300_000m, 700_000m));
        defaults[app.UnitOne].RecoveryRate.ShouldBe(53.8m);
        defaults[app.UnitTwo].ShouldBe(new DefaultFigure(app.UnitTwo, app.NameTwo, 1, 0, 0m, 0m));
        defaults[app.UnitTwo].RecoveryRate.ShouldBeNull();
        var all = figures.DefaultTotals("合计");
        (all.Open, all.Closed, all.AmountDue, all.AmountRecovered, all.RecoveryRate).ShouldBe((2, 2, 1_300_000m, 700_000m, 53.8m));
    }

    [Fact]
    public async Task One_units_figures_leave_the_others_out()
    {
        var figures = await app.Send(new GetAgreementFigures(app.UnitTwo), await app.As("leader"));

        figures.UnitName.ShouldBe(app.NameTwo);
        var pivot = figures.Pivot("合计");
        pivot.Years.ShouldBe([2027, 2028]);
        pivot.Rows.Select(r => r.UnitId).ShouldBe([app.UnitTwo]);
        pivot.Totals.ByYear.ShouldBe([4_000_000m, 666_700m]);
        (pivot.Totals.Running, pivot.Totals.Lapsed).ShouldBe((4_666_700m, 250_000m));
        figures.Obligations.ShouldBe([
            new ObligationKindFigure("StartOfConstruction", 0, 0, 1, 0, 0),
            new ObligationKindFigure("FixedAssetInvestment", 1, 0, 0, 0, 1),
        ]);
        figures.Defaults.ShouldBe([new DefaultFigure(app.UnitTwo, app.NameTwo, 1, 0, 0m, 0m)]);

        await Should.ThrowAsync<NotFoundException>(() => app.Send(new GetAgreementFigures(Guid.NewGuid()), app.As("leader").Result));
    }

    [Fact]
    public async Task The_export_has_one_valid_ledger_sheet_per_table_with_the_same_figures_in_wan()
    {
        await using var file = await app.Send(new ExportAgreementFigures(), await app.As("leader"));
        file.FileName.ShouldBe($"agreement-figures-{app.Clock.Today():yyyyMMdd}.xlsx");

        using var doc = SpreadsheetDocument.Open(file.Content, false);
        new OpenXmlValidator().Validate(doc).Select(e => e.Description).ShouldBeEmpty();
        var names = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
        names.ShouldBe([Text.Get("agreementfigures.liabilities_sheet"), Text.Get("agreementfigures.obligations_sheet"), Text.Get("agreementfigures.defaults_sheet")]);

        var liabilities = Cells(doc, 0);
        liabilities[0][0].ShouldBe(Text.Get("agreementfigures.liabilities_export_title", Text.Get("alerts.all_units"), app.Clock.Today()));
        liabilities[1].ShouldBe([
            Text.Get("export.no"), Text.Get("agreementfigures.unit"), Text.Get("agreementfigures.year_due_wan", 2027), Text.Get("agreementfigures.year_due_wan", 2028),
            Text.Get("agreementfigures.running_total_wan"), Text.Get("agreementfigures.lapsed_undelivered_wan"),
        ]);
        // Amounts in 万元 as numbers (the database's two decimals kept: Excel reads 220.00 as 220).
        var units = new[] { (app.NameOne, new[] { "220.00", "140.00", "360.00", "60.00" }), (app.NameTwo, ["400.00", "66.67", "466.67", "25.00"]) }
            .OrderBy(u => u.Item1, StringComparer.Ordinal).ToList();
        liabilities[2].ShouldBe(["1", units[0].Item1, .. units[0].Item2]);
        liabilities[3].ShouldBe(["2", units[1].Item1, .. units[1].Item2]);
        liabilities[4].ShouldBe(["", Text.Get("agreementfigures.total"), "620.00", "206.67", "826.67", "85.00"]);
        liabilities.Count.ShouldBe(5);

        var obligations = Cells(doc, 1);
        obligations[2].ShouldBe(["1", Text.Get("obligationkind.StartOfConstruction"), "1", "0", "1", "0", "0", "2", "50"]);
        obligations[4].ShouldBe(["3", Text.Get("obligationkind.TaxPerMu"), "0", "1", "1", "1", "0", "3", "33.3"]);
        obligations[6].ShouldBe(["", Text.Get("agreementfigures.total"), "2", "1", "3", "1", "2", "9", "42.9"]);

        var defaults = Cells(doc, 2);
        defaults[^1].ShouldBe(["", Text.Get("agreementfigures.total"), "2", "2", "130.00", "70.00", "53.8"]);
        defaults.Count.ShouldBe(5);

        // One unit's export is that unit's figures only, and says so in its titles.
        await using var ofTwo = await app.Send(new ExportAgreementFigures(app.UnitTwo), await app.As("integrity"));
        using var docTwo = SpreadsheetDocument.Open(ofTwo.Content, false);
        var two = Cells(docTwo, 0);
        two[0][0].ShouldBe(Text.Get("agreementfigures.liabilities_export_title", app.NameTwo, app.Clock.Today()));
        two[2].ShouldBe(["1", app.NameTwo, "400.00", "66.67", "466.67", "25.00"]);
        two[3].ShouldBe(["", Text.Get("agreementfigures.total"), "400.00", "66.67", "466.67", "25.00"]);
        Cells(docTwo, 2)[^1].ShouldBe(["", Text.Get("agreementfigures.total"), "1", "0", "0", "0.00", ""]);
    }

    /// <summary>A sheet's rows as text, every cell (an empty one as ""), inline strings and numbers alike.</summary>
    private static List<List<string>> Cells(SpreadsheetDocument doc, int sheet)
    {
        var id = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ElementAt(sheet).Id!.Value!;
        var part = (WorksheetPart)doc.WorkbookPart.GetPartById(id);
        return part.Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList()).ToList();
    }
}
