// The workbook helpers live in the shared kernel (platform/xlsx) so org imports can read files too.
export * from '../../platform/xlsx/xlsx';
