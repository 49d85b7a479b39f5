using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Audit.ExportAuditLog;
using BizEnv.Invest.Application.Audit.SearchAuditLog;
using BizEnv.Invest.Application.Commitments.ExportBreachAlerts;
using BizEnv.Invest.Application.Commitments.ListBreachAlerts;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Crm.Investors.ExportInvestors;
using BizEnv.Invest.Application.Crm.Investors.ListInvestors;
using BizEnv.Invest.Application.Crm.Projects.ExportProjects;
using BizEnv.Invest.Application.Crm.Projects.ListProjects;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Testing;
using Dapper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BizEnv.Invest.Application.Tests.Exports;

/// <summary>
/// The list exports stream the list's own query without paging: more rows than a screen page (200)
/// or the alert queue (500) all reach the file, within the same unit scope as the screen.
/// </summary>
public sealed class ExportTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_investor_export_longer_than_a_list_page_has_every_row_of_the_officers_unit_and_no_other()
    {
        var officer = await app.As("officer");
        var officer2 = await app.As("officer2");
        await Execute("""
            INSERT INTO investors (id, unit_id, name, ownership, created_by, created_at, updated_at)
            SELECT gen_random_uuid(), CASE WHEN n <= 450 THEN @mine ELSE @other END, '导出甲' || lpad(n::text, 3, '0') || '有限公司', 'Private', @by, now(), now()
            FROM generate_series(1, 500) n
            """, new { mine = officer.UnitId, other = officer2.UnitId, by = officer.UserId });
        var filter = new ListInvestors(Search: "导出甲");
        var firstPage = await app.Send(filter with { PageSize = Paging.MaxPageSize }, officer);
        firstPage.Total.ShouldBe(450);

        var sheet = await Read(await app.Send(new ExportInvestors(filter), officer));

        sheet.Rows.Count.ShouldBe(450);
        sheet.Rows.Select(r => r.Cell(0)).ShouldBe(Enumerable.Range(1, 450).Select(n => n.ToString()));
        sheet.Rows.Take(Paging.MaxPageSize).Select(r => r.Cell(1)).ShouldBe(firstPage.Items.Select(i => i.Name)); // the list's order
        sheet.Rows.Select(r => r.Cell(11)).Distinct().ShouldBe([firstPage.Items[0].UnitName]);
        (await Read(await app.Send(new ExportInvestors(filter), await app.As("leader")))).Rows.Count.ShouldBe(500);
    }

    [Fact]
    public async Task A_project_export_longer_than_a_list_page_keeps_the_lists_unit_scope()
    {
        var officer = await app.As("officer");
        var investor = await app.NewInvestor(officer);
        await Execute("""
            INSERT INTO projects (id, number, unit_id, investor_id, name, planned_investment, stage, stage_date, created_by, created_at, updated_at)
            SELECT gen_random_uuid(), 'EX-' || lpad(n::text, 4, '0'), @unit, @investor, '导出项目' || n, n * 1000000, 'Lead', DATE '2026-11-02', @by, now(), now() - n * interval '1 second'
            FROM generate_series(1, 260) n
            """, new { unit = officer.UnitId, investor = investor.Id, by = officer.UserId });
        var filter = new ListProjects(InvestorId: investor.Id);

        var sheet = await Read(await app.Send(new ExportProjects(filter), officer));

        sheet.Rows.Count.ShouldBe(260);
        sheet.Rows[0].Cell(1).ShouldBe("EX-0001"); // most recently touched first, as on screen
        sheet.Rows[0].Cell(6).ShouldBe("1000000.00"); // a number cell, as the database holds it
        (await Read(await app.Send(new ExportProjects(filter), await app.As("officer2")))).Rows.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_audit_export_longer_than_a_list_page_has_every_matching_entry_newest_first()
    {
        await Execute("""
            INSERT INTO audit_log (at, user_name, roles, action, outcome, client_ip)
            SELECT now() - n * interval '1 minute', 'probe', 'Admin', 'ExportProbe', 'success', '198.51.100.' || (n % 250)
            FROM generate_series(1, 700) n
            """);
        var admin = await app.As("admin");
        var filter = new SearchAuditLog(Action: "ExportProbe");
        (await app.Send(filter, admin)).Total.ShouldBe(700);

        var sheet = await Read(await app.Send(new ExportAuditLog(filter), admin));

        sheet.Rows.Count.ShouldBe(700);
        sheet.Rows.ShouldAllBe(r => r.Cell(4) == "ExportProbe"); // an action with no words of its own shows its code
        sheet.Rows[0].Cell(11).ShouldBe("198.51.100.1");
    }

    [Fact]
    public async Task An_alert_export_has_every_alert_of_the_period_beyond_the_queues_screenful()
    {
        var officer = await app.As("officer");
        var investor = await app.NewInvestor(officer);
        var project = await app.NewProject(officer, investor.Id);
        await Execute("""
            WITH c AS (
                INSERT INTO commitments (id, project_id, investor_id, unit_id, kind, clause, made_on, due_date, lapse_at, promiser_name, status, created_at, updated_at)
                SELECT gen_random_uuid(), @project, @investor, @unit, 'Subsidy', '导出测试条款 ' || n, DATE '2019-01-01', DATE '2020-03-14',
                       TIMESTAMPTZ '2020-03-14 16:00Z', '张三', 'Lapsed', now(), now()
                FROM generate_series(1, 650) n
                RETURNING id)
            INSERT INTO breach_alerts (id, commitment_id, due_date, kind, raised_at)
            SELECT gen_random_uuid(), id, DATE '2020-03-14', 'Breach', TIMESTAMPTZ '2020-03-14 16:00:01Z' FROM c
            """, new { project = project.Id, investor = investor.Id, unit = officer.UnitId });
        var integrity = await app.As("integrity");
        var filter = new BreachAlertFilter(Status: null, From: new DateOnly(2020, 3, 15), To: new DateOnly(2020, 3, 15));
        (await app.Send(new ListBreachAlerts(filter), integrity)).Count.ShouldBe(ListBreachAlertsHandler.Limit);

        var sheet = await Read(await app.Send(new ExportBreachAlerts(filter), integrity));

        sheet.Rows.Count.ShouldBe(650);
        sheet.Rows.ShouldAllBe(r => r.Cell(2) == "2020-03-15 00:00:01"); // raised_at in Beijing time
    }

    [Fact]
    public async Task The_sheet_keeps_the_ledger_layout_with_typed_inline_cells_and_is_valid_OpenXml()
    {
        IReadOnlyList<object?> row =
        [
            7, 1234.5m, "锂电池\u0001生产基地", new DateTimeOffset(2026, 1, 1, 20, 30, 0, TimeSpan.Zero), new DateOnly(2026, 2, 3), true, null, " 前后空格 ",
        ];
        await using var file = await app.Services.GetRequiredService<IXlsxExporter>()
            .ExportAsync("布局.xlsx", new XlsxLayout("表[1]", "测试台账", ["序号", "金额", "名称", "时间", "日期", "是否", "空", "文本"]), [row]);
        file.FileName.ShouldBe("布局.xlsx");
        file.ContentType.ShouldBe(FileDownload.XlsxContentType);

        using var doc = SpreadsheetDocument.Open(file.Content, false);
        new OpenXmlValidator().Validate(doc).Select(e => e.Description).ShouldBeEmpty();
        doc.WorkbookPart!.SharedStringTablePart.ShouldBeNull();
        doc.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Single().Name!.Value.ShouldBe("表1");
        var worksheet = doc.WorkbookPart.WorksheetParts.Single().Worksheet;
        var pane = worksheet.Descendants<Pane>().Single();
        (pane.VerticalSplit!.Value, pane.State!.Value).ShouldBe((2d, PaneStateValues.Frozen));
        var rows = worksheet.Descendants<Row>().ToList();
        rows.Count.ShouldBe(3);
        rows.Take(2).SelectMany(r => r.Elements<Cell>()).ShouldAllBe(c => c.StyleIndex!.Value == 1u); // title and header bold
        var cells = rows[2].Elements<Cell>().ToList();
        cells[0].CellValue!.Text.ShouldBe("7");
        cells[1].CellValue!.Text.ShouldBe("1234.5");
        cells.Take(2).ShouldAllBe(c => c.DataType == null); // numbers stay numbers
        cells.Skip(2).Where(c => c.DataType != null).ShouldAllBe(c => c.DataType!.Value == CellValues.InlineString);
        cells.Select(c => c.InlineString?.InnerText).Skip(2).ShouldBe(["锂电池生产基地", "2026-01-02 04:30:00", "2026-02-03", "是", null, " 前后空格 "]);
    }

    [Fact]
    public async Task An_export_deletes_its_temporary_file_when_disposed()
    {
        var file = await app.Send(new ExportAuditLog(new SearchAuditLog(Action: "NoSuchAction")), await app.As("admin"));
        var path = file.Content.ShouldBeOfType<FileStream>().Name;
        File.Exists(path).ShouldBeTrue();
        await file.DisposeAsync();
        File.Exists(path).ShouldBeFalse();
    }

    [Fact]
    public async Task A_list_cut_by_the_cap_ends_with_a_row_saying_so_and_a_complete_one_does_not()
    {
        static async Task<List<IReadOnlyList<object?>>> Capped(int count) =>
            await ExportRows.Capped(Enumerable.Range(0, count).ToAsyncEnumerable(), (x, n) => [n + 1, x], max: 3).ToListAsync();

        (await Capped(3)).Select(r => r[0]).ShouldBe([1, 2, 3]);
        var cut = await Capped(5);
        cut.Count.ShouldBe(4);
        cut[3].Single().ShouldBeOfType<string>().ShouldContain("3");
    }

    [Fact]
    public async Task A_download_given_up_stops_reading_rows_even_from_a_source_that_ignores_the_token()
    {
        using var cancel = new CancellationTokenSource();
        var read = 0;
        async IAsyncEnumerable<int> Ignoring()
        {
            for (var i = 0; i < 100; i++)
            {
                read++;
                await Task.Yield();
                yield return i;
            }
        }

        await Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (var row in ExportRows.Capped(Ignoring(), (x, _) => [x], ct: cancel.Token))
                if ((int)row[0]! == 2)
                    await cancel.CancelAsync();
        });
        read.ShouldBe(4);
    }

    private async Task Execute(string sql, object? args = null)
    {
        await using var cn = new NpgsqlConnection(app.Database.AppConnectionString);
        await cn.ExecuteAsync(sql, args);
    }

    private async Task<XlsxSheet> Read(FileDownload file)
    {
        await using (file)
            return app.Services.GetRequiredService<IXlsxReader>().Read(await file.ReadAllBytesAsync()).DataOnly();
    }
}
