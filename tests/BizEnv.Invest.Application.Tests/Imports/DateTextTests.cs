using BizEnv.Invest.Application.Common.Sheets;

namespace BizEnv.Invest.Application.Tests.Imports;

public sealed class DateTextTests
{
    [Theory]
    [InlineData("2016-03-05")]
    [InlineData("2016-3-5")]
    [InlineData("2016/3/5")]
    [InlineData("2016/03/05")]
    [InlineData("2016.3.5")]
    [InlineData("2016年3月5日")]
    [InlineData("2016 年 3 月 5 日")]
    [InlineData("2016年03月05日")]
    [InlineData("2016年3月5号")]
    [InlineData("2016年3月5")]
    [InlineData("20160305")]
    [InlineData("２０１６－０３－０５")]         // full-width digits and hyphen
    [InlineData("２０１６年３月５日")]
    [InlineData("2016-03-05 00:00:00")]      // a date-time pasted as text: the time is dropped
    [InlineData("2016/3/5 14:30")]
    [InlineData("2016-03-05T08:00")]
    [InlineData("二〇一六年三月五日")]          // as official documents date themselves
    [InlineData("二零一六年三月五日")]
    [InlineData("42434")]                    // Excel's day number for 2016-03-05 (a date cell)
    [InlineData("42434.75")]                 // ... with a time of day
    public void Every_common_form_reads_as_the_same_day(string text) =>
        DateText.Read(text).ShouldBe(new DateReading(new DateOnly(2016, 3, 5), DateProblem.None));

    [Theory]
    [InlineData("二〇一六年十二月三十一日", 2016, 12, 31)]
    [InlineData("二〇一六年十月二十日", 2016, 10, 20)]
    [InlineData("二〇一六年十一月十日", 2016, 11, 10)]
    [InlineData("二〇〇九年一月二十九日", 2009, 1, 29)]
    [InlineData("10000", 1927, 5, 18)]       // the smallest day number taken
    [InlineData("2024-02-29", 2024, 2, 29)]
    public void Chinese_numerals_and_day_numbers_are_counted_right(string text, int year, int month, int day) =>
        DateText.Read(text).ShouldBe(new DateReading(new DateOnly(year, month, day), DateProblem.None));

    [Theory]
    [InlineData("3/5/2016")]   // 3 May or 5 March?
    [InlineData("05-03-2016")]
    [InlineData("25/12/2016")] // unambiguous to a person, but year-last is not a Chinese form: refused with the same advice
    [InlineData("16-3-5")]     // which century, and which part is the year?
    [InlineData("16/3/5")]
    public void A_date_whose_parts_could_be_read_more_than_one_way_is_refused(string text) =>
        DateText.Read(text).ShouldBe(new DateReading(null, DateProblem.Ambiguous));

    [Theory]
    [InlineData("2015-13-01")]
    [InlineData("2023-02-29")]
    [InlineData("20230229")]
    [InlineData("2016年2月30日")]
    [InlineData("2016-04-31")]
    [InlineData("二〇二三年二月二十九日")]
    public void A_day_that_does_not_exist_is_refused_as_such(string text) =>
        DateText.Read(text).ShouldBe(new DateReading(null, DateProblem.NoSuchDay));

    [Theory]
    [InlineData("")]
    [InlineData("2016")]       // a year alone; as a day number it would be 1905
    [InlineData("9999")]
    [InlineData("2016年3月")]
    [InlineData("2016-03")]
    [InlineData("明年三月")]
    [InlineData("2016-3-5-1")]
    [InlineData("123456")]
    [InlineData("2016年3月5日前")]
    public void Anything_else_is_unreadable(string text) =>
        DateText.Read(text).ShouldBe(new DateReading(null, DateProblem.Unreadable));
}
