using System.Text.Json;
using BizEnv.Invest.Domain.Calendar;

namespace BizEnv.Invest.Domain.Tests.Calendar;

/// <summary>Builds the domain calendar from the repository's seeds/calendar files, so the data itself is under test too.</summary>
internal static class ShippedCalendar
{
    private static readonly Lazy<WorkingDayCalendar> All = new(() => Load(Directory.GetFiles(SeedDir(), "*.json")));

    public static WorkingDayCalendar Get() => All.Value;

    public static WorkingDayCalendar Load(IEnumerable<string> files)
    {
        var years = new List<int>();
        var days = new List<CalendarDay>();
        foreach (var file in files)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            years.Add(doc.RootElement.GetProperty("year").GetInt32());
            foreach (var d in doc.RootElement.GetProperty("days").EnumerateArray())
            {
                var kind = d.GetProperty("kind").GetString() == "holiday" ? CalendarDayKind.Holiday : CalendarDayKind.Workday;
                days.Add(new CalendarDay(DateOnly.Parse(d.GetProperty("date").GetString()!), kind, d.GetProperty("name").GetString()!));
            }
        }
        return new WorkingDayCalendar(years, days);
    }

    public static string SeedDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "seeds", "calendar");
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException("seeds/calendar not found");
    }
}
