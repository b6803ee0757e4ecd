module oldgo

go 1.13
