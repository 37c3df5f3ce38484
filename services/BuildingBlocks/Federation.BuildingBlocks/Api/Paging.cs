using FluentValidation;

namespace Federation.BuildingBlocks.Api;

/// <summary>One page of a list. Pass <see cref="NextCursor"/> as ?cursor= to get the next page;
/// it is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor)
{
    /// <summary>The same page with each item mapped (a store's rows to the API's responses).</summary>
    public Page<TOut> Select<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), NextCursor);
}

/// <summary>?limit=&amp;cursor= on every list (bind with [AsParameters], check with .Validate&lt;PageRequest&gt;()). Items are ordered by their (time-ordered, v7) id,
/// and the cursor is the last id of the page before.</summary>
public sealed record PageRequest(int? Limit, Guid? Cursor)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public int Size => Limit ?? DefaultLimit;

    /// <summary>Builds the page from a query that fetched <see cref="Size"/> + 1 rows (the extra one
    /// tells whether there is a next page).</summary>
    public Page<T> ToPage<T>(IReadOnlyList<T> rows, Func<T, Guid> id)
    {
        if (rows.Count <= Size)
        {
            return new Page<T>(rows, null);
        }
        var items = rows.Take(Size).ToList();
        return new Page<T>(items, id(items[^1]).ToString());
    }
}

internal sealed class PageRequestValidator : AbstractValidator<PageRequest>
{
    public PageRequestValidator() => RuleFor(page => page.Limit).InclusiveBetween(1, PageRequest.MaxLimit);
}
