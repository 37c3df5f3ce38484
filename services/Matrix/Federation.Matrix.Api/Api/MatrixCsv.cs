using System.Globalization;
using System.Text;
using CsvHelper;

namespace Federation.Matrix.Api;

/// <summary>The matrix as CSV for governors (<c>Accept: text/csv</c>): the same figures as the
/// JSON, stamped with the scope, the cycle and the as-of time, one line per row, four columns per
/// school (figure, out of, status, rule). Text a spreadsheet would run as a formula (a name
/// starting with =, +, -, @) is escaped with a leading apostrophe (CsvHelper's injection
/// escaping); numbers are written as numbers. Every line has as many fields as the header.</summary>
public static class MatrixCsv
{
    public const string ContentType = "text/csv";

    public static byte[] Write(MatrixResponse matrix)
    {
        // Every record as wide as the header (RFC 4180), and at least as wide as the stamp.
        var width = Math.Max(4, 2 + (4 * matrix.Columns.Length));
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture }, true))
        {
            var written = 0;
            void Field(string? field)
            {
                csv.WriteField(field);
                written++;
            }
            void Number(decimal? number)
            {
                csv.WriteField(number, default);
                written++;
            }
            void End()
            {
                for (; written < width; written++)
                {
                    csv.WriteField("");
                }
                csv.EndRecord();
                written = 0;
            }

            Field("Scope"); Field(matrix.Scope.Kind); Field(matrix.Scope.Name); End();
            Field("Cycle"); Field(matrix.Cycle.Name); Field($"{matrix.Cycle.StartsOn:yyyy-MM-dd}"); Field($"{matrix.Cycle.EndsOn:yyyy-MM-dd}"); End();
            Field("As of"); Field(matrix.AsOf?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "no events yet"); End();
            Field("Strand");
            Field("Row");
            foreach (var column in matrix.Columns)
            {
                Field(column.Name);
                Field($"{column.Name}: out of");
                Field($"{column.Name}: status");
                Field($"{column.Name}: rule");
            }
            End();
            foreach (var strand in matrix.Strands)
            {
                foreach (var row in strand.Rows)
                {
                    Field(strand.Strand.ToEventName());
                    Field(row.Label);
                    foreach (var cell in row.Cells)
                    {
                        if (cell.Value is not null)
                        {
                            Number(cell.Value);
                        }
                        else
                        {
                            Field(cell.Text);
                        }
                        Number(cell.Denominator);
                        Field(cell.Status.ToEventName());
                        Field(cell.Rule);
                    }
                    End();
                }
            }
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A file name for the download: "A1-and-A2-Federation-2026-2.csv".</summary>
    public static string FileName(MatrixResponse matrix) =>
        $"{string.Concat(matrix.Scope.Name.Select(c => char.IsLetterOrDigit(c) ? c : '-'))}-{matrix.Cycle.Id}.csv";
}
